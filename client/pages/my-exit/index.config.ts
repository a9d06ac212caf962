export default definePageConfig({ navigationBarTitleText: '退出程序通知' });
