/**
 * The one door to the component library (NutUI React Taro 3, issue #19). Each component comes from its own
 * module with its own stylesheet, so a page pulls in only what it uses (the mini-program main package has a
 * size budget) and nothing loads NutUI's whole 230 KB stylesheet. Pages import from here, never from
 * '@nutui/…' directly; the theme (client/theme/tokens.css) sets NutUI's CSS variables for both modes.
 */
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell/index';
import CellGroup from '@nutui/nutui-react-taro/dist/es/packages/cellgroup/index';
import Checkbox from '@nutui/nutui-react-taro/dist/es/packages/checkbox/index';
import DatePicker from '@nutui/nutui-react-taro/dist/es/packages/datepicker/index';
import Picker from '@nutui/nutui-react-taro/dist/es/packages/picker/index';
import Step from '@nutui/nutui-react-taro/dist/es/packages/step/index';
import Steps from '@nutui/nutui-react-taro/dist/es/packages/steps/index';
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag/index';
import Tabbar from '@nutui/nutui-react-taro/dist/es/packages/tabbar/index';
import TabbarItem from '@nutui/nutui-react-taro/dist/es/packages/tabbaritem/index';
import Collapse from '@nutui/nutui-react-taro/dist/es/packages/collapse/index';
import CollapseItem from '@nutui/nutui-react-taro/dist/es/packages/collapseitem/index';
import '@nutui/icons-react-taro/dist/style_icon.css';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/picker/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/step/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/steps/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabbar/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabbaritem/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/collapse/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/collapseitem/style/css';

export {
  Button,
  Cell,
  CellGroup,
  Checkbox,
  Collapse,
  CollapseItem,
  DatePicker,
  Picker,
  Step,
  Steps,
  Tabbar,
  TabbarItem,
  Tag,
};
