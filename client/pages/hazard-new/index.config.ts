export default definePageConfig({ navigationBarTitleText: '上报安全隐患' });
