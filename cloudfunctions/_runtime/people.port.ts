import type { IdKeys } from './id-number';

/**
 * What the people functions need from the deployment: the ID-number keys, the one-time first-administrator
 * setup code, and WeChat's phone-number lookup. CloudBase reads them from the functions' environment and
 * WeChat's open API (`cloud-runtime.ts`); the local host from its environment or demo values, with a phone
 * sandbox (`_local/local-host.ts`).
 */
export interface PeoplePort {
  /** The ID-number keys; throws UNAVAILABLE (with a Chinese message) when they are not configured. */
  idKeys(): IdKeys;
  /** The setup code for the first administrator, or null when none is configured. */
  setupCode(): string | null;
  /**
   * The phone number WeChat confirms for a `getPhoneNumber` code (the button's `e.detail.code`, single use,
   * valid 5 minutes: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
   * Throws an AppError with a Chinese message when WeChat does not confirm one.
   */
  phoneFromCode(code: string): Promise<string>;
  /**
   * The mini-program code (小程序码) that opens `page` (no leading slash, e.g. `pages/join/index`) with `scene`
   * (at most 32 visible characters) through WeChat's wxacode.getUnlimited
   * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
   * Throws an AppError with a Chinese message when WeChat gives no image.
   */
  wxacode(page: string, scene: string): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/** getUnlimited's limit on `scene`: at most 32 visible characters (same document as `wxacode`). */
export const WXACODE_MAX_SCENE = 32;
