export default definePageConfig({ navigationBarTitleText: '续租审核' });
