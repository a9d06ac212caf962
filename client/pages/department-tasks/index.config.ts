export default definePageConfig({ navigationBarTitleText: '部门核查任务' });
