import { useEffect } from 'react';

/** The parts of @tarojs/taro the pages use, for jsdom component tests. */
export const storage = new Map<string, unknown>();
/** Every navigateTo / redirectTo URL, in order. */
export const navigations: string[] = [];

export const modals: { title: string; content: string }[] = [];
export const modalAnswer = { confirm: true };
export const toasts: string[] = [];
/** The current page's query parameters (what `queryParam` reads). */
export const routerParams: Record<string, string> = {};

const navigate = async ({ url }: { url: string }) => void navigations.push(url);

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  navigateTo: navigate,
  redirectTo: navigate,
  /** Every modal shown; each is answered with `modalAnswer.confirm`. */
  showModal: async (opts: { title: string; content: string }) => {
    modals.push(opts);
    return { confirm: modalAnswer.confirm, cancel: !modalAnswer.confirm };
  },
  showToast: async (opts: { title: string }) => void toasts.push(opts.title),
  getCurrentInstance: () => ({ router: { params: routerParams } }),
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
