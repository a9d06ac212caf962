import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
// NutUI icons are SVG masks; their few rules are needed on every page (the tab bar).
import '@nutui/icons-react-taro/dist/style_icon.css';
import './theme/tokens.css';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp' && Taro.cloud) {
      // ANJU_ENV_ID is required for a production build (config/index.ts); a development build without it
      // uses the environment selected in WeChat DevTools.
      Taro.cloud.init(ANJU_ENV_ID ? { env: ANJU_ENV_ID, traceUser: true } : { traceUser: true });
    }
  });
  return children;
}

export default App;
