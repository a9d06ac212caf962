// Evaluated by Taro at build time. The development sign-in page is listed only in local browser builds
// (see ANJU_LOCAL in config/index.ts), so a mini-program or production build cannot reach it.
const isLocalH5 = process.env.TARO_ENV === 'h5' && process.env.ANJU_LOCAL !== 'false';

export default defineAppConfig({
  pages: ['pages/index/index', ...(isLocalH5 ? ['pages/dev-sign-in/index'] : [])],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6f5c',
    navigationBarTitleText: '安居',
    navigationBarTextStyle: 'white',
  },
});
