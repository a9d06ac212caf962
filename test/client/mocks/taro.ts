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

/** Pictures on the fake phone, by path: what getImageInfo answers. */
export const images = new Map<string, { width: number; height: number }>();
/** Every Taro.compressImage call, in order (the compressed file is `<src>.small.jpg`). */
export const compressions: {
  src: string;
  quality?: number;
  compressedWidth?: number;
  compressedHeight?: number;
}[] = [];

/**
 * Exports (services/open-export.ts): every Taro.downloadFile (its url and filePath), every Taro.openDocument,
 * and the loading overlay's titles. `downloadAnswer` is what the next downloads answer (an HTTP status, or a
 * failure of the call itself); `openFails` makes openDocument fail.
 */
export const downloads: { url: string; filePath?: string }[] = [];
export const documents: { filePath: string; fileType?: string; showMenu?: boolean }[] = [];
export const loadings: string[] = [];
export const exportsUi = { downloadAnswer: 200 as number | 'fail', openFails: false, hideLoadingCalls: 0 };

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
  images.clear();
  compressions.length = 0;
  writtenFiles.clear();
  downloads.length = 0;
  documents.length = 0;
  loadings.length = 0;
  exportsUi.downloadAnswer = 200;
  exportsUi.openFails = false;
  exportsUi.hideLoadingCalls = 0;
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
  getImageInfo: async ({ src }: { src: string }) => {
    const size = images.get(src);
    if (!size) throw new Error('getImageInfo:fail file not found');
    return { ...size, path: src, type: 'jpeg' };
  },
  compressImage: async (o: {
    src: string;
    quality?: number;
    compressedWidth?: number;
    compressedHeight?: number;
  }) => {
    compressions.push(o);
    const tempFilePath = `${o.src}.small.jpg`;
    if (o.compressedWidth && o.compressedHeight)
      images.set(tempFilePath, { width: o.compressedWidth, height: o.compressedHeight });
    return { tempFilePath };
  },
  getFileSystemManager: () => ({
    statSync: (path: string) => {
      const size = images.get(path);
      if (!size) throw new Error('statSync:fail no such file');
      return { size: Math.round(size.width * size.height * 0.15) };
    },
    /** Text files a page writes before uploading them (the pasted unit sheet). */
    writeFileSync: (path: string, data: string) => void writtenFiles.set(path, data),
  }),
  showLoading: async ({ title }: { title: string }) => void loadings.push(title),
  hideLoading: async () => void exportsUi.hideLoadingCalls++,
  downloadFile: async ({ url, filePath }: { url: string; filePath?: string }) => {
    downloads.push({ url, ...(filePath ? { filePath } : {}) });
    const answer = exportsUi.downloadAnswer;
    if (answer === 'fail') throw new Error('downloadFile:fail network');
    return filePath
      ? { statusCode: answer, filePath }
      : { statusCode: answer, tempFilePath: 'wxfile://tmp/d' };
  },
  openDocument: async (o: { filePath: string; fileType?: string; showMenu?: boolean }) => {
    if (exportsUi.openFails) throw new Error('openDocument:fail filetype not supported');
    documents.push(o);
  },
  env: { USER_DATA_PATH: 'wxfile://usr' },
  cloud: undefined,
};

/** Files written through getFileSystemManager().writeFileSync, by path. */
export const writtenFiles = new Map<string, string>();

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
