export default definePageConfig({ navigationBarTitleText: '申请公租房' });
