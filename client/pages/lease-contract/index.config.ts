export default definePageConfig({ navigationBarTitleText: '续租与配租合同' });
