export default definePageConfig({ navigationBarTitleText: '在线选房' });
