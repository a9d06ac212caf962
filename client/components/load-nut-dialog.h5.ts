import type { NutDialogParts } from './load-nut-dialog';

let loading: Promise<NutDialogParts> | null = null;
let loaded: NutDialogParts | null = null;

/**
 * The browser build: NutUI's Dialog and Toast load on the first dialog or toast, in a chunk of their own, so
 * the first screen's JavaScript stays within its budget (1.5× an empty Taro app's, `npm run bench -- pages`).
 * Taro builds this file instead of load-nut-dialog.ts for H5 (https://docs.taro.zone/docs/envs#统一接口的多端文件).
 */
export function loadNutDialog(): Promise<NutDialogParts> {
  loading ??= import('./nut-dialog').then((parts) => (loaded = parts));
  return loading;
}

/** The parts if an earlier dialog or toast loaded them already. */
export function nutDialogNow(): NutDialogParts | null {
  return loaded;
}
