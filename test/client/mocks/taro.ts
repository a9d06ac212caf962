import { useEffect } from 'react';

/** The parts of @tarojs/taro the pages use, for jsdom component tests. */
const storage = new Map<string, unknown>();
export const navigations: string[] = [];

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  redirectTo: async ({ url }: { url: string }) => void navigations.push(url),
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
