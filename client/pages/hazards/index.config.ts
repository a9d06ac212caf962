export default definePageConfig({ navigationBarTitleText: '隐患整改' });
