export default definePageConfig({ navigationBarTitleText: '紧急告警与消息送达' });
