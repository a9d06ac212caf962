import * as parts from './nut-dialog';

export type NutDialogParts = typeof parts;

/**
 * The mini-program (and the jsdom tests): the dialog's and toast's drawing is bundled with the host; the
 * browser build has load-nut-dialog.h5.ts instead (Taro builds `<name>.h5.ts` instead of `<name>.ts` for H5:
 * https://docs.taro.zone/docs/envs#统一接口的多端文件).
 */
export function loadNutDialog(): Promise<NutDialogParts> {
  return Promise.resolve(parts);
}

/** The parts if they are here already (always, in the mini-program): the host draws at once. */
export function nutDialogNow(): NutDialogParts | null {
  return parts;
}
