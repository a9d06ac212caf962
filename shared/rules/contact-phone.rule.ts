/**
 * Telephone numbers the office enters for a project's service desk (服务电话), issue #17: a mobile number
 * (11 digits, 1[3-9]…) or a landline with its area code (区号 0 + 2–3 digits, then a 7–8 digit number, an
 * optional extension). The numbering plan is the MIIT's 电信网编号计划 (https://www.miit.gov.cn/); a number
 * without an area code cannot be dialled from a mobile phone outside its city, so it is refused.
 */

export const SERVICE_PHONE_MESSAGE =
  '服务电话应为 11 位手机号，或带区号的固定电话（例如 027-88886666，分机可写作 027-88886666-123）';

const MOBILE = /^1[3-9]\d{9}$/;
/** 010 and 02X are the three-digit area codes; every other one has four digits (0 included). */
const LANDLINE = /^(0[12]\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:-(\d{1,6}))?$/;

/**
 * The number in the form stored and dialled (mobile: 11 digits; landline: `区号-号码[-分机]`), or null when it
 * is neither. Spaces are dropped and `(027)88886666` is read as `027-88886666`.
 */
export function normalizeServicePhone(typed: string): string | null {
  const s = typed
    .replace(/[\s\u3000]/g, '')
    .replace(/^[（(](0\d{2,3})[)）]-?/, '$1-')
    .replace(/[—－]/g, '-');
  if (MOBILE.test(s)) return s;
  const m = LANDLINE.exec(s);
  if (!m) return null;
  const [, area, number, ext] = m;
  return ext ? `${area}-${number}-${ext}` : `${area}-${number}`;
}

export const isServicePhone = (typed: string): boolean => normalizeServicePhone(typed) !== null;
