import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * 关怀模式 (large type, issue #19). Off, on, or — until the person chooses in 我的 — following WeChat's own
 * font setting: `wx.getAppBaseInfo().fontSizeSetting` is the size in px the user picked in 微信 → 设置 →
 * 通用 → 字体大小 (https://developers.weixin.qq.com/miniprogram/dev/api/base/system/wx.getAppBaseInfo.html);
 * the standard setting is 17, so anything larger turns large type on. The choice is kept on the phone.
 */
const KEY = 'anju.careMode';
export type CareChoice = 'on' | 'off' | 'system';

/** The WeChat standard font size (px); larger settings mean the person asked WeChat for larger type. */
export const WECHAT_STANDARD_FONT_PX = 17;

export function careChoice(): CareChoice {
  try {
    const v = Taro.getStorageSync(KEY) as string;
    return v === 'on' || v === 'off' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function systemWantsLargeType(): boolean {
  try {
    // H5 has no WeChat font setting. Not asked in the browser build, which then leaves out Taro's
    // device detection behind getAppBaseInfo (about 8 KB of its first screen, issue #19 budgets).
    const info =
      process.env.TARO_ENV !== 'h5' && typeof Taro.getAppBaseInfo === 'function'
        ? Taro.getAppBaseInfo()
        : null;
    const size = Number((info as { fontSizeSetting?: number } | null)?.fontSizeSetting ?? 0);
    return size > WECHAT_STANDARD_FONT_PX;
  } catch {
    return false;
  }
}

export function isCareMode(choice: CareChoice = careChoice()): boolean {
  return choice === 'on' || (choice === 'system' && systemWantsLargeType());
}

const listeners = new Set<(on: boolean) => void>();

export function setCareChoice(choice: CareChoice): void {
  try {
    if (choice === 'system') Taro.removeStorageSync(KEY);
    else Taro.setStorageSync(KEY, choice);
  } catch {
    // storage unavailable: the choice lasts until the page is left
  }
  const on = isCareMode(choice);
  for (const l of listeners) l(on);
}

/** Whether the page is drawn in 关怀模式; re-renders when the switch in 我的 changes it. */
export function useCareMode(): boolean {
  const [on, setOn] = useState(isCareMode);
  useEffect(() => {
    listeners.add(setOn);
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  return on;
}
