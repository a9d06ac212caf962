/**
 * The one door to the component library (NutUI React Taro 3, issue #19). Each component comes from its own
 * module with its own stylesheet, so a page pulls in only what it uses (the mini-program main package has a
 * size budget) and nothing loads NutUI's whole 230 KB stylesheet. Pages import from here, never from
 * '@nutui/…' directly (icons excepted: `@nutui/icons-react-taro`, tree-shaken); the theme
 * (client/theme/tokens.css) sets NutUI's CSS variables for both modes. Add a component here, with its
 * stylesheet, when a page first needs it.
 *
 * The date picker has a door of its own (components/nut-date-picker.ts): with its popup, wheels and
 * transitions it weighs about 60 KB in the mini-program, and a component exported here lands in the main
 * package with every main-package page that imports this file.
 *
 * Button is NutUI's with keyboard access in the browser (components/nut-button.tsx).
 *
 * Not used: NutUI's Checkbox writes an invalid `aria-role` attribute (axe aria-valid-attr, critical), so
 * lists use components/check-box.tsx (NutUI's check icons, role checkbox).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell/index';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import CellGroup from '@nutui/nutui-react-taro/dist/es/packages/cellgroup/index';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import Empty from '@nutui/nutui-react-taro/dist/es/packages/empty/index';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';
import Skeleton from '@nutui/nutui-react-taro/dist/es/packages/skeleton/index';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css';
import Step from '@nutui/nutui-react-taro/dist/es/packages/step/index';
import '@nutui/nutui-react-taro/dist/es/packages/step/style/css';
import Steps from '@nutui/nutui-react-taro/dist/es/packages/steps/index';
import '@nutui/nutui-react-taro/dist/es/packages/steps/style/css';
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag/index';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export { Button } from './nut-button';
export { Cell };
export { CellGroup };
export { Empty };
export { Skeleton };
export { Step };
export { Steps };
export { Tag };
