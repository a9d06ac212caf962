export default definePageConfig({ navigationBarTitleText: '轮候名单' });
