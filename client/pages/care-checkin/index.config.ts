export default definePageConfig({ navigationBarTitleText: '关爱探访' });
