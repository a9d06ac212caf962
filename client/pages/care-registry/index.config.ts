export default definePageConfig({ navigationBarTitleText: '特殊关爱名单' });
