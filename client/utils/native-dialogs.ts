import Taro from '@tarojs/taro';

/**
 * The platform's own modal, toast and loading overlay (WeChat's in the mini-program, Taro's in the browser): what `confirm()`,
 * `notice()`, `toast()` and `loading()` of utils/ui.ts fall back to where no page host is mounted. Reached through
 * load-native-dialogs.ts, so the browser loads Taro's modal code only if it is ever needed.
 */
export async function nativeConfirm(
  title: string,
  content: string,
  confirmText: string,
  cancelText: string,
): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText });
  return res.confirm;
}

export async function nativeNotice(title: string, content: string, confirmText: string): Promise<void> {
  await Taro.showModal({ title, content, confirmText, showCancel: false });
}

export function nativeToast(title: string, icon: 'success' | 'none', duration: number): void {
  void Taro.showToast({ title, icon, duration });
}

/** WeChat's loading overlay; `mask: true` keeps taps off the page (https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showLoading.html). */
export function nativeLoading(title: string): void {
  void Taro.showLoading({ title, mask: true });
}

export function nativeHideLoading(): void {
  void Taro.hideLoading();
}
