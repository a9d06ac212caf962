import * as native from './native-dialogs';

export type NativeDialogs = typeof native;

/**
 * The mini-program (and the jsdom tests): WeChat's own modal and toast are part of the platform, nothing to
 * load. The browser build has load-native-dialogs.h5.ts instead (Taro builds `<name>.h5.ts` instead of
 * `<name>.ts` for H5: https://docs.taro.zone/docs/envs#统一接口的多端文件).
 */
export function loadNativeDialogs(): Promise<NativeDialogs> {
  return Promise.resolve(native);
}
