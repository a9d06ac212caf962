export default definePageConfig({ navigationBarTitleText: '退出管理' });
