export default definePageConfig({ navigationBarTitleText: '租赁合同' });
