export default definePageConfig({ navigationBarTitleText: '报修与求助' });
