export default definePageConfig({ navigationBarTitleText: '欠租管理' });
