export default definePageConfig({ navigationBarTitleText: '配租管理' });
