export default definePageConfig({ navigationBarTitleText: '安全巡查' });
