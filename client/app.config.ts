// Evaluated by Taro at build time. The development sign-in page is listed only in local browser builds
// (rule and reasons: ANJU_LOCAL in config/index.ts), so the mini-program, and a browser build made with
// ANJU_LOCAL=false, cannot reach it.
const isLocalH5 = process.env.TARO_ENV === 'h5' && process.env.ANJU_LOCAL !== 'false';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/rounds/index',
    'pages/round/index',
    'pages/select/index',
    'pages/contract/index',
    'pages/admin/index',
    'pages/admin-round/index',
    'pages/repairs/index',
    'pages/repair-new/index',
    'pages/repair/index',
    'pages/repair-board/index',
    'pages/repair-stats/index',
    'pages/bills/index',
    'pages/bill/index',
    'pages/payments/index',
    'pages/arrears/index',
    'pages/ledger/index',
    'pages/billing-admin/index',
    'pages/patrol-today/index',
    'pages/patrol-route/index',
    'pages/patrol-visit/index',
    'pages/hazard-new/index',
    'pages/care-checkin/index',
    'pages/patrol-admin/index',
    'pages/hazards/index',
    'pages/patrol-coverage/index',
    'pages/care-registry/index',
    'pages/holiday-calendar/index',
    'pages/district-settings/index',
    'pages/inbox/index',
    'pages/message-admin/index',
    'pages/bind/index',
    'pages/join/index',
    'pages/people/index',
    'pages/my-data/index',
    'pages/setup/index',
    // 我的 (issue #19): the 关怀模式 switch; a tab of every role's custom tab bar.
    'pages/mine/index',
    ...(isLocalH5 ? ['pages/dev-sign-in/index'] : []),
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6f5c',
    navigationBarTitleText: '安居',
    navigationBarTextStyle: 'white',
  },
});
