export default definePageConfig({ navigationBarTitleText: '配租公告' });
