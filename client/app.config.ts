// Evaluated by Taro at build time. The development sign-in page is listed only in local browser builds
// (rule and reasons: ANJU_LOCAL in config/index.ts), so the mini-program, and a browser build made with
// ANJU_LOCAL=false, cannot reach it.
const isLocalH5 = process.env.TARO_ENV === 'h5' && process.env.ANJU_LOCAL !== 'false';

/**
 * The mini-program's main package is what every phone downloads before the first screen (budget: 600 KB,
 * issue #19; `npm run bench -- pages`, test/miniprogram/weapp-package.test.ts). It holds the home page, 我的
 * and every role's tab pages (client/utils/tabs.ts: the first screens of each role) except the office's
 * 配租管理, which is a subpackage (AREAS.office). Every other page is a
 * subpackage of its own whose root is the page's folder, so its path — and every navigateTo URL, message link
 * and QR code that names it — stays `pages/<page>/index`, and no page file moves. WeChat downloads a
 * subpackage when one of its pages is first opened
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages/basic.html ; a subpackage root may
 * not lie inside another's, pages outside every root are the main package's). Modules that only subpackage
 * pages use leave the main package (Taro's mini.optimizeMainPackage, on by default in Taro 4: config/index.ts).
 */
const MAIN_PAGES = [
  'pages/index/index',
  // 我的 (issue #19): the 关怀模式 switch; a tab of every role's custom tab bar.
  'pages/mine/index',
  // The tab pages of each role (client/utils/tabs.ts).
  'pages/bills/index',
  'pages/repairs/index',
  'pages/patrol-today/index',
  'pages/inbox/index',
  'pages/repair-board/index',
  'pages/arrears/index',
  'pages/rounds/index',
  'pages/review-queue/index',
];

/** The other pages by the area they serve (each a one-page subpackage: see above). */
const AREAS: Record<string, string[]> = {
  tenant: ['bill', 'payments', 'repair-new', 'repair', 'contract', 'lease-contract', 'my-exit'],
  // Applications through 三审三公示 (application.service.ts) and room selection.
  // The applicant's 我的申请 tab too (with its 复核 form, which brings NutUI's text fields).
  applicant: ['application', 'apply', 'round', 'round-notice', 'select'],
  volunteer: ['patrol-route', 'patrol-visit', 'hazard-new', 'care-checkin'],
  // The reviewers' 公示与异议 tab too; a department's checker answers its parallel-review tasks (惠州 链接2(3)).
  reviewer: ['review', 'review-notices', 'department-tasks'],
  staff: [
    // The 隐患 tab of managers, workers and volunteers (its forms bring NutUI's text fields).
    'hazards',
    'repair-stats',
    'ledger',
    'refunds',
    'bill-differences',
    'billing-admin',
    'exit-cases',
    'renewals',
    'patrol-admin',
    'patrol-coverage',
    'care-registry',
    'message-admin',
  ],
  // The office's own tab page (配租管理) too: office staff work at desks on office networks, and the tenants'
  // and volunteers' main package should not carry the office's largest page (main-package.test.ts).
  office: ['admin', 'admin-round', 'waitlist', 'district-settings', 'holiday-calendar', 'people'],
  // Joining: invitations, binding a lease, first setup, the person's own data.
  account: ['bind', 'join', 'setup', 'my-data'],
};

/**
 * From a tab page, WeChat fetches in the background the subpackages of the pages it opens, so the role's next
 * screen does not wait for a download (preloadRule, same document: at most 2 MB preloaded per page).
 */
const PRELOAD: Record<string, string[]> = {
  // The tab pages kept out of the main package (they type text): fetched while the home page shows.
  index: ['hazards', 'application', 'review-notices', 'department-tasks'],
  bills: ['bill', 'payments'],
  repairs: ['repair-new', 'repair'],
  'patrol-today': ['patrol-route', 'patrol-visit', 'care-checkin', 'hazard-new'],
  'repair-board': ['repair', 'repair-stats'],
  arrears: ['ledger', 'exit-cases'],
  admin: ['admin-round'],
  rounds: ['round', 'select', 'lease-contract'],
  'review-queue': ['review'],
  application: ['apply'],
  mine: ['my-data'],
};

export default defineAppConfig({
  pages: [...MAIN_PAGES, ...(isLocalH5 ? ['pages/dev-sign-in/index'] : [])],
  subPackages: Object.values(AREAS)
    .flat()
    .map((page) => ({ root: `pages/${page}`, pages: ['index'] })),
  preloadRule: Object.fromEntries(
    Object.entries(PRELOAD).map(([page, opens]) => [
      `pages/${page}/index`,
      { network: 'all' as const, packages: opens.map((p) => `pages/${p}`) },
    ]),
  ),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6f5c',
    navigationBarTitleText: '安居',
    navigationBarTextStyle: 'white',
  },
});
