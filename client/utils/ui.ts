import Taro from '@tarojs/taro';
import { CallError } from '../services/call';
import { loadNativeDialogs } from './load-native-dialogs';

/**
 * Confirmations, notices, toasts and the loading overlay (issue #19). On a page drawn by `<Screen>` they are
 * NutUI's Dialog and Toast, drawn by the page's own host (components/dialog-host.tsx) in the page's mode, so
 * 关怀模式 switched on in 我的 makes them large too (WeChat's native modal follows only the phone's font
 * setting). Where no host is mounted (a page without a Screen, a service running before the first page) they
 * fall back to the platform's own modal, toast and loading (utils/native-dialogs.ts; the browser loads them
 * only then).
 *
 * One store for the whole app: the host of the page on top draws what is open, so a toast shown just before
 * navigating stays up on the next page for the rest of its time, as WeChat's own does.
 */
export interface DialogRequest {
  title: string;
  content: string;
  confirmText: string;
  /** null: a notice (notice()), its one button only. */
  cancelText: string | null;
  answer: (confirmed: boolean) => void;
}

export interface ToastRequest {
  title: string;
  icon: 'success' | 'none';
  /** When it goes (Date.now() ms). */
  until: number;
  /** Counts the toasts shown: the same words shown again are a new toast. */
  seq: number;
}

export interface LoadingRequest {
  /** What is being done, e.g. 正在生成文件… */
  title: string;
  /** Counts the overlays shown: each loading() is its own, and only its own done() takes it away. */
  seq: number;
}

export interface UiState {
  /** The dialog on screen; those opened while it is up wait their turn. */
  dialog: DialogRequest | null;
  toast: ToastRequest | null;
  /** The loading overlay (loading()): the words and a turning mark over a mask that takes the taps. */
  loading: LoadingRequest | null;
}

export const TOAST_MS = 2500;

const queue: DialogRequest[] = [];
let toastSeq = 0;
let loadingSeq = 0;
let state: UiState = { dialog: null, toast: null, loading: null };
/** Mounted hosts, the shown page's last. */
const hosts: symbol[] = [];
const listeners = new Set<() => void>();

function publish(next: UiState): void {
  state = next;
  for (const l of [...listeners]) l();
}

export const uiStore = {
  get: (): UiState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** A host comes on screen (mounted or its page shown again): it draws from now on. */
  show(host: symbol): void {
    const i = hosts.indexOf(host);
    if (i >= 0) hosts.splice(i, 1);
    hosts.push(host);
    publish({ ...state });
  },
  /** Its page is gone. */
  remove(host: symbol): void {
    const i = hosts.indexOf(host);
    if (i >= 0) hosts.splice(i, 1);
    publish({ ...state });
  },
  isTop: (host: symbol): boolean => hosts[hosts.length - 1] === host,
  /** The user tapped 确定 (true) or 取消 (false) on the open dialog. */
  answer(confirmed: boolean): void {
    const open = state.dialog;
    if (!open) return;
    publish({ ...state, dialog: queue.shift() ?? null });
    open.answer(confirmed);
  },
  /** The toast's time is up. */
  hideToast(): void {
    if (state.toast) publish({ ...state, toast: null });
  },
};

function openDialog(request: Omit<DialogRequest, 'answer'>): Promise<boolean> {
  return new Promise((resolve) => {
    const entry = { ...request, answer: resolve };
    if (state.dialog) queue.push(entry);
    else publish({ ...state, dialog: entry });
  });
}

/** A confirmation before anything irreversible; resolves true only on 确定. */
export async function confirm(
  title: string,
  content: string,
  confirmText = '确定',
  cancelText = '取消',
): Promise<boolean> {
  if (hosts.length) return openDialog({ title, content, confirmText, cancelText });
  return (await loadNativeDialogs()).nativeConfirm(title, content, confirmText, cancelText);
}

/** A notice the user must read (a failure and what to do): one button; resolves when it is tapped. */
export async function notice(title: string, content: string, confirmText = '确定'): Promise<void> {
  if (hosts.length) {
    await openDialog({ title, content, confirmText, cancelText: null });
    return;
  }
  await (await loadNativeDialogs()).nativeNotice(title, content, confirmText);
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  if (hosts.length) {
    publish({ ...state, toast: { title, icon, until: Date.now() + TOAST_MS, seq: ++toastSeq } });
    return;
  }
  void loadNativeDialogs().then((native) => native.nativeToast(title, icon, TOAST_MS));
}

/**
 * A loading overlay while something is being done (an export, an import going on over several calls): the
 * words with a turning mark, over a mask that takes every tap on the page until it goes. Returns `done`, to
 * call when the work ends, failed or not (in a `finally`); calling it again does nothing, and it takes away
 * only its own overlay (a later loading() shown meanwhile stays). Drawn by the page's host in the page's mode;
 * where none is mounted, the platform's own (Taro.showLoading with `mask: true`).
 */
export function loading(title: string): () => void {
  if (hosts.length) {
    const mine: LoadingRequest = { title, seq: ++loadingSeq };
    publish({ ...state, loading: mine });
    return () => {
      if (state.loading === mine) publish({ ...state, loading: null });
    };
  }
  const native = loadNativeDialogs();
  void native.then((n) => n.nativeLoading(title));
  let over = false;
  return () => {
    if (over) return;
    over = true;
    // Chained on the same promise: the hide always comes after the show.
    void native.then((n) => n.nativeHideLoading());
  };
}

export function errorText(err: unknown): string {
  return err instanceof CallError ? err.message : '操作失败，请稍后重试。';
}

/** 2026-12-01T01:00:00.000Z → 12月1日 09:00 (Beijing time, what users read). */
export function formatInstant(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function queryParam(name: string): string {
  const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>;
  return decodeURIComponent(params[name] ?? '');
}

/** 'YYYY-MM-DD HH:mm' in Beijing time → ISO with +08:00, or null when it is not a real time. */
export function parseBeijingTime(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  // Reject 2026-02-30 and the like, which Date would roll over.
  const back = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return back.slice(0, 16) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` ? iso : null;
}
