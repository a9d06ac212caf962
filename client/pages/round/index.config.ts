export default definePageConfig({ navigationBarTitleText: '配租详情' });
