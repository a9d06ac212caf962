export default definePageConfig({ navigationBarTitleText: '租户台账' });
