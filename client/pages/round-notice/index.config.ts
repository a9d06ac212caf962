export default definePageConfig({ navigationBarTitleText: '配租结果公示' });
