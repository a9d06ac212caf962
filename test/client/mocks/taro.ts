import { useEffect } from 'react';

/** The parts of @tarojs/taro the pages use, for jsdom component tests. */
export const storage = new Map<string, unknown>();
/** Every navigateTo / redirectTo URL, in order. */
export const navigations: string[] = [];
/** Every toast title, in order. */
export const toasts: string[] = [];
/** Every modal shown (title and content), in order; `modalAnswer.confirm` is what the user taps. */
export const modals: { title: string; content: string }[] = [];
export const modalAnswer = { confirm: true };
/** Every number dialled with makePhoneCall, in order. */
export const calls: string[] = [];
/** The page's query (what `getCurrentInstance().router.params` answers). */
export const routerParams: Record<string, string> = {};
/** `ui.modalAnswer` is `modalAnswer.confirm` by another name; `backs` counts navigateBack calls. */
export const ui = {
  get modalAnswer(): boolean {
    return modalAnswer.confirm;
  },
  set modalAnswer(answer: boolean) {
    modalAnswer.confirm = answer;
  },
  backs: 0,
};

/** Forgets what the previous test showed and navigated, its query and storage. */
export function resetTaro(): void {
  storage.clear();
  navigations.length = 0;
  toasts.length = 0;
  calls.length = 0;
  modals.length = 0;
  for (const k of Object.keys(routerParams)) delete routerParams[k];
  ui.modalAnswer = true;
  ui.backs = 0;
}

const navigate = async ({ url }: { url: string }) => void navigations.push(url);

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  navigateTo: navigate,
  redirectTo: navigate,
  reLaunch: navigate,
  /** Every number dialled (Taro.makePhoneCall), in order. */
  makePhoneCall: async ({ phoneNumber }: { phoneNumber: string }) => void calls.push(phoneNumber),
  navigateBack: async () => void ui.backs++,
  showToast: async ({ title }: { title: string }) => void toasts.push(title),
  /** Every modal shown; each is answered with `modalAnswer.confirm`. */
  showModal: async ({ title, content }: { title: string; content: string }) => {
    modals.push({ title, content });
    return { confirm: modalAnswer.confirm, cancel: !modalAnswer.confirm };
  },
  getCurrentInstance: () => ({ router: { params: { ...routerParams } } }),
  onNetworkStatusChange: () => undefined,
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

export function useUnload(fn: () => void) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => fn, []);
}

export default Taro;
