import Taro from '@tarojs/taro';

/** The local development session token (browser builds on the local host only). */
const KEY = 'anju.session';

export function getSessionToken(): string {
  try {
    return (Taro.getStorageSync(KEY) as string) || '';
  } catch {
    return '';
  }
}

export function setSessionToken(token: string): void {
  Taro.setStorageSync(KEY, token);
}

export function clearSessionToken(): void {
  Taro.removeStorageSync(KEY);
}
