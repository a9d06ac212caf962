import type { Role } from '../contracts/common';
import { isIsoDate } from './dates';

/**
 * People: who may grant which role, what a resident ID number looks like, who counts as an adult, and the
 * operator settings for binding attempts, invitations and retention. Pure (docs/conventions.md §10).
 */

/** The Personal Information Protection Law of the PRC (个人信息保护法, in force 2021-11-01), NPC text. */
export const PIPL_URL = 'http://www.npc.gov.cn/npc/c30834/202108/a8c4e3672c74491a80b53a172bb753fe.shtml';

export const PEOPLE_CLAUSE = {
  /** Notice before processing: who, why, how, how long, how to exercise one's rights. */
  notice: '个人信息保护法 第十七条',
  /** Sensitive personal information (ID numbers, income, health, disability) needs separate consent. */
  sensitiveConsent: '个人信息保护法 第二十八条、第二十九条',
  /** Encryption, de-identification and access control as security measures. */
  security: '个人信息保护法 第五十一条',
  /** A person may see and copy, and have corrected, the information held about them. */
  accessAndCorrection: '个人信息保护法 第四十五条、第四十六条',
  /** Kept no longer than the purpose needs, then deleted. */
  retention: '个人信息保护法 第十九条、第四十七条',
  /** Adulthood: 18 years (a family member who pays and files for a household must be an adult). */
  adult: '民法典 第十七条',
  /** Resident ID number format and check digit. */
  idNumber: 'GB 11643-1999 公民身份号码',
} as const;

/**
 * Operator settings no document fixes (docs/conventions.md §11): the defaults. A district sets its own on
 * the settings page (辖区政策设定, operator-constants.rule.ts `peopleLimits`); services read the values in
 * force with `peopleSettings(rt.policy)`, never these constants (`retentionBatch` stays a technical size).
 */
export const PEOPLE_OPERATOR_DEFAULTS = {
  /**
   * Wrong binding attempts allowed per person, and per household (by ID number), per China day, so the form
   * cannot be used to probe who is a tenant. 运营方设定.
   */
  bindingAttemptsPerDay: 5,
  /** Wrong first-administrator setup codes allowed per person per China day. 运营方设定. */
  setupAttemptsPerDay: 5,
  /**
   * Unknown invitation codes a person may enter per China day before the join page stops trying: without a
   * limit the join action could be used to guess live codes. 运营方设定.
   */
  invitationCodeAttemptsPerDay: 10,
  /** How long an invitation stays valid by default, and at most (days). 运营方设定. */
  invitationDefaultDays: 7,
  invitationMaxDays: 30,
  /** A household head may add this many family members (代缴/代办). 运营方设定. */
  maxFamilyMembers: 5,
  /**
   * Personal data of an exited household is kept this many years after it exited, then erased by the
   * `daily-retention` timer (个人信息保护法 第十九条: no longer than the purpose needs). The period for
   * public-housing files is the district's decision: 运营方设定（保障档案保管期限，区住房保障部门，示例值）.
   */
  exitedRetentionYears: 5,
  /** How many exited households one run of the retention job erases (a bounded batch per run). */
  retentionBatch: 200,
} as const;

/** Where the retention period comes from, with the years in force (`example`: not yet set by the district). */
export const retentionSourceOf = (years: number, example: boolean) =>
  `运营方设定（保障档案保管期限 ${years} 年，区住房保障部门${example ? '，示例值' : ''}；依据${PEOPLE_CLAUSE.retention}）`;
export const RETENTION_SOURCE = retentionSourceOf(PEOPLE_OPERATOR_DEFAULTS.exitedRetentionYears, true);

/** Roles an invitation can grant, and which of them each role may grant (office: any; manager: its helpers). */
export const INVITABLE_ROLES = [
  'admin',
  'manager',
  'worker',
  'volunteer',
  'community_reviewer',
  'street_reviewer',
  'housing_reviewer',
  'department_reviewer',
] as const satisfies readonly Role[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

const GRANTS: Partial<Record<Role, readonly InvitableRole[]>> = {
  admin: INVITABLE_ROLES,
  manager: ['worker', 'volunteer'],
};

/** The roles someone holding `roles` may grant. */
export function grantableRoles(roles: readonly Role[]): InvitableRole[] {
  return INVITABLE_ROLES.filter((r) => roles.some((mine) => GRANTS[mine]?.includes(r)));
}

/** Office staff serve every project; every other invited role serves named projects. */
export const roleNeedsProjects = (role: InvitableRole): boolean =>
  !['admin', 'community_reviewer', 'street_reviewer', 'housing_reviewer', 'department_reviewer'].includes(
    role,
  );

/** A department checker's invitation names its department (惠州 链接2(3)); no other role's does. */
export const roleNeedsDepartment = (role: InvitableRole): boolean => role === 'department_reviewer';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Upper-cases a trailing x and trims spaces (the one normalisation before checking, hashing or storing). */
export const normaliseIdNumber = (raw: string): string => raw.trim().toUpperCase();

/** The birth date an 18-digit ID number carries (`YYYY-MM-DD`), or null. */
export function birthDateOfIdNumber(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const date = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isIsoDate(date) && date >= '1900-01-01' ? date : null;
}

/** A valid 18-digit resident ID number (GB 11643-1999): digits, a real birth date, the check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw);
  if (birthDateOfIdNumber(id) === null) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

/** Whether the holder of a valid ID number is 18 or older on `today` (民法典 第十七条). */
export function isAdultOn(id: string, today: string): boolean {
  const birth = birthDateOfIdNumber(normaliseIdNumber(id));
  if (!birth) return false;
  const eighteenth = `${String(Number(birth.slice(0, 4)) + 18).padStart(4, '0')}${birth.slice(4)}`;
  return eighteenth <= today;
}

/** Mainland mobile numbers as WeChat confirms them (11 digits starting with 1). */
export const isMobileNumber = (s: string): boolean => /^1\d{10}$/.test(s);

/** 420106199001011234 → 420106********1234 (ID numbers are masked whenever shown, docs/conventions.md §6). */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return id ? '*'.repeat(id.length) : '';
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/**
 * The privacy notices (个人信息保护法 第十七条) and the separate notice for sensitive personal information
 * (第二十九条, 第三十条). Consent records the version agreed to and when; a new version asks again.
 */
export const PRIVACY_NOTICE = {
  version: '2026-11-01',
  personal: {
    title: '个人信息处理告知',
    clause: PEOPLE_CLAUSE.notice,
    body: [
      '处理者：区住房保障中心及其委托的项目运营单位。',
      '目的：办理公租房申请、配租、租赁合同、租金缴纳、报修和安全巡查。',
      '收集的信息：姓名、微信确认的手机号、家庭住址和房屋信息、缴费和报修记录。',
      '保存期限：租赁关系存续期间；退出后按区住房保障部门规定的期限保存，到期删除。',
      '您可以在“我的信息”中查看本人信息、申请更正，也可以解除绑定。',
    ],
  },
  sensitive: {
    title: '敏感个人信息单独告知',
    clause: PEOPLE_CLAUSE.sensitiveConsent,
    body: [
      '为核实您是该家庭的成员，需要处理您的身份证号码，这属于敏感个人信息。',
      '身份证号码加密保存，页面上只显示部分号码；只有住房保障部门工作人员因审核需要才能查看完整号码，每次查看都会记录查看人、时间和原因。',
      '收入、健康、残疾等信息仅用于资格审核和特殊关爱，不用于其他目的。',
      '不同意将无法在线绑定家庭，您仍可到住房保障窗口线下办理。',
    ],
  },
} as const;
