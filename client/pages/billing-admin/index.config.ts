export default definePageConfig({ navigationBarTitleText: '租金与补贴' });
