import Taro from '@tarojs/taro';
import { CallError } from '../services/call';

/** A confirmation before anything irreversible; resolves true only on 确定. */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return res.confirm;
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2500 });
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
