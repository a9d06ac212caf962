export default definePageConfig({ navigationBarTitleText: '巡查覆盖报告' });
