import { useEffect } from 'react';

/** The parts of @tarojs/taro the pages use, for jsdom component tests. */
export const storage = new Map<string, unknown>();
/** Every navigateTo / redirectTo URL, in order. */
export const navigations: string[] = [];

const navigate = async ({ url }: { url: string }) => void navigations.push(url);

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  navigateTo: navigate,
  redirectTo: navigate,
  cloud: undefined,
};

export function useDidShow(fn: () => void) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, []);
}

export function useLaunch(fn: () => void) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, []);
}

export default Taro;
