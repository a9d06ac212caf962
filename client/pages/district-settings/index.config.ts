export default definePageConfig({ navigationBarTitleText: '辖区政策设定' });
