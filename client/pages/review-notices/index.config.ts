export default definePageConfig({ navigationBarTitleText: '审核结果公示' });
