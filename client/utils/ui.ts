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
