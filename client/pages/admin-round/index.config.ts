export default definePageConfig({ navigationBarTitleText: '配租轮次' });
