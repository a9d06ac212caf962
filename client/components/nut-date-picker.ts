/**
 * NutUI's DatePicker (issue #19), for components/date-field.tsx only. Kept out of components/nut.ts: its popup,
 * wheels and transitions weigh about 60 KB in the mini-program, and everything nut.ts exports lands in the
 * main package (budget 600 KB, test/miniprogram/main-package.test.ts) because tab pages import nut.ts. Only
 * subpackage pages use date fields, so this stays in their subpackages (Taro's mini.optimizeMainPackage).
 */
import DatePicker from '@nutui/nutui-react-taro/dist/es/packages/datepicker/index';
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css';

export { DatePicker };
