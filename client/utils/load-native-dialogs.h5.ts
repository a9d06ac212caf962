import type { NativeDialogs } from './load-native-dialogs';

let loading: Promise<NativeDialogs> | null = null;

/**
 * The browser build: Taro's own modal, toast and action sheet (about 27 KB of script) load only if a dialog
 * is ever asked for where no page host is mounted, so they stay out of the first screen (its budget: 1.5× an
 * empty Taro app's JavaScript, `npm run bench -- pages`). Taro builds this file instead of
 * load-native-dialogs.ts for H5 (https://docs.taro.zone/docs/envs#统一接口的多端文件).
 */
export function loadNativeDialogs(): Promise<NativeDialogs> {
  loading ??= import('./native-dialogs');
  return loading;
}
