import Taro from '@tarojs/taro';

/**
 * The platform's own modal and toast (WeChat's in the mini-program, Taro's in the browser): what `confirm()`,
 * `notice()` and `toast()` of utils/ui.ts fall back to where no page host is mounted. Reached through
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
