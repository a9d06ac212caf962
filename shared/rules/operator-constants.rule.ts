import type { PolicyPreset } from '../policy/policy-preset';
import { EXIT_CASE_OPERATOR_DEFAULTS, EXIT_CASE_PERIOD_BOUNDS } from './exit-case.rule';
import { MESSAGE_OPERATOR_DEFAULTS, type MessageSettings } from './messages.rule';
import { PATROL_OPERATOR_DEFAULTS, type PatrolOperatorSettings } from './patrol.rule';
import { PEOPLE_OPERATOR_DEFAULTS, retentionSourceOf } from './people.rule';

/**
 * The operator constants (运营方设定) that used to be fixed in code beside their rules and are now set on the
 * district settings page (issue #16): accounts and records (people.rule.ts), patrol (patrol.rule.ts),
 * messages (messages.rule.ts) and the exit procedure (exit-case.rule.ts). Each group is one field of the
 * settings page, stored in the same versioned policy version; the policy in force carries it under
 * `operator.<field>` (absent: the module's default, still an example). Services read them through the
 * accessors below with `rt.policy`, never the module constants.
 *
 * Purely technical sizes (retention batch, message lease and batch size) stay constants: no policy matter.
 */

/** 住户账号和档案. */
export interface PeopleLimits {
  bindingAttemptsPerDay: number;
  setupAttemptsPerDay: number;
  invitationCodeAttemptsPerDay: number;
  invitationDefaultDays: number;
  invitationMaxDays: number;
  maxFamilyMembers: number;
  exitedRetentionYears: number;
}
/** 巡查隐患和入户. */
export interface PatrolLimits {
  hazardImmediateHours: number;
  hazardSeriousHours: number;
  hazardMinorHours: number;
  nobodyHomeRetryDays: number;
  maxAttemptsPerQuarter: number;
  maxUnitsPerRoute: number;
}
/** 消息提醒. */
export interface MessageLimits {
  alertAckMinutes: number;
  maxAttempts: number;
  retryBaseSeconds: number;
}
/** 退出程序. */
export interface ExitCasePeriods {
  respondDays: number;
  moveOutDays: number;
}

export interface OperatorConstantValues {
  peopleLimits: PeopleLimits;
  patrolLimits: PatrolLimits;
  messageLimits: MessageLimits;
  exitCasePeriods: ExitCasePeriods;
}
export type OperatorConstantField = keyof OperatorConstantValues;

/**
 * Hard upper bound of an invitation's validity (days): the contract's static bound (people.contract.ts);
 * the saved `invitationMaxDays` (at most this) is what the service enforces.
 */
export const INVITATION_DAYS_HARD_MAX = 90;

interface Figure {
  label: string;
  unit: string;
  min: number;
  max: number;
}

/** Each group: its page heading, preset path, and each figure's Chinese name, unit and bounds. */
export const OPERATOR_CONSTANT_FIELDS: {
  [F in OperatorConstantField]: {
    path: string;
    label: string;
    heading: string;
    figures: Record<keyof OperatorConstantValues[F], Figure>;
  };
} = {
  peopleLimits: {
    path: 'operator.peopleLimits',
    label: '住户账号和档案的限额',
    heading: '住户账号和档案',
    figures: {
      bindingAttemptsPerDay: { label: '每人每天绑定住户信息可输错的次数', unit: '次', min: 1, max: 20 },
      setupAttemptsPerDay: { label: '每人每天输入管理员设置码可输错的次数', unit: '次', min: 1, max: 20 },
      invitationCodeAttemptsPerDay: { label: '每人每天可输错邀请码的次数', unit: '次', min: 1, max: 50 },
      invitationDefaultDays: { label: '邀请码默认有效期', unit: '天', min: 1, max: INVITATION_DAYS_HARD_MAX },
      invitationMaxDays: { label: '邀请码最长有效期', unit: '天', min: 1, max: INVITATION_DAYS_HARD_MAX },
      maxFamilyMembers: { label: '每户可添加的家庭成员数', unit: '人', min: 1, max: 20 },
      exitedRetentionYears: { label: '已退出住户个人信息的保存期限', unit: '年', min: 1, max: 30 },
    },
  },
  patrolLimits: {
    path: 'operator.patrolLimits',
    label: '巡查隐患和入户的时限',
    heading: '巡查隐患和入户',
    figures: {
      hazardImmediateHours: { label: '立即危险的整改时限', unit: '小时', min: 1, max: 72 },
      hazardSeriousHours: { label: '严重隐患的整改时限', unit: '小时', min: 1, max: 720 },
      hazardMinorHours: { label: '一般隐患的整改时限', unit: '小时', min: 1, max: 2160 },
      nobodyHomeRetryDays: { label: '无人在家后再次入户的间隔', unit: '天', min: 1, max: 30 },
      maxAttemptsPerQuarter: { label: '每季度每户最多入户次数', unit: '次', min: 1, max: 10 },
      maxUnitsPerRoute: { label: '每条巡查路线的户数', unit: '户', min: 1, max: 50 },
    },
  },
  messageLimits: {
    path: 'operator.messageLimits',
    label: '消息提醒的发送方式',
    heading: '消息提醒',
    figures: {
      alertAckMinutes: { label: '紧急提醒无人确认后转给下一人的等待时间', unit: '分钟', min: 1, max: 120 },
      maxAttempts: { label: '每条消息最多发送次数', unit: '次', min: 1, max: 10 },
      retryBaseSeconds: { label: '发送失败后首次重发的等待时间', unit: '秒', min: 10, max: 3600 },
    },
  },
  exitCasePeriods: {
    path: 'operator.exitCasePeriods',
    label: '退出程序的默认期限',
    heading: '退出程序',
    figures: {
      respondDays: {
        label: '书面通知后住户陈述申辩的期限',
        unit: '天',
        min: EXIT_CASE_PERIOD_BOUNDS.minDays,
        max: EXIT_CASE_PERIOD_BOUNDS.maxDays,
      },
      moveOutDays: {
        label: '决定收回后的腾退期限',
        unit: '天',
        min: EXIT_CASE_PERIOD_BOUNDS.minDays,
        max: EXIT_CASE_PERIOD_BOUNDS.maxDays,
      },
    },
  },
};
export const OPERATOR_CONSTANT_KEYS = Object.keys(OPERATOR_CONSTANT_FIELDS) as OperatorConstantField[];

/** Who decides them (shown as 由…确定). */
export const OPERATOR_CONSTANT_DECIDED_BY = '区住房保障部门（运营方）';

/** The module defaults (still examples until the district saves its own). */
export const OPERATOR_CONSTANT_DEFAULTS: OperatorConstantValues = {
  peopleLimits: {
    bindingAttemptsPerDay: PEOPLE_OPERATOR_DEFAULTS.bindingAttemptsPerDay,
    setupAttemptsPerDay: PEOPLE_OPERATOR_DEFAULTS.setupAttemptsPerDay,
    invitationCodeAttemptsPerDay: PEOPLE_OPERATOR_DEFAULTS.invitationCodeAttemptsPerDay,
    invitationDefaultDays: PEOPLE_OPERATOR_DEFAULTS.invitationDefaultDays,
    invitationMaxDays: PEOPLE_OPERATOR_DEFAULTS.invitationMaxDays,
    maxFamilyMembers: PEOPLE_OPERATOR_DEFAULTS.maxFamilyMembers,
    exitedRetentionYears: PEOPLE_OPERATOR_DEFAULTS.exitedRetentionYears,
  },
  patrolLimits: {
    hazardImmediateHours: PATROL_OPERATOR_DEFAULTS.hazardDeadlineHours.immediate,
    hazardSeriousHours: PATROL_OPERATOR_DEFAULTS.hazardDeadlineHours.serious,
    hazardMinorHours: PATROL_OPERATOR_DEFAULTS.hazardDeadlineHours.minor,
    nobodyHomeRetryDays: PATROL_OPERATOR_DEFAULTS.nobodyHomeRetryDays,
    maxAttemptsPerQuarter: PATROL_OPERATOR_DEFAULTS.maxAttemptsPerQuarter,
    maxUnitsPerRoute: PATROL_OPERATOR_DEFAULTS.maxUnitsPerRoute,
  },
  messageLimits: {
    alertAckMinutes: MESSAGE_OPERATOR_DEFAULTS.alertAckMinutes,
    maxAttempts: MESSAGE_OPERATOR_DEFAULTS.maxAttempts,
    retryBaseSeconds: MESSAGE_OPERATOR_DEFAULTS.retryBaseSeconds,
  },
  exitCasePeriods: { ...EXIT_CASE_OPERATOR_DEFAULTS },
};

/** The group field a preset path belongs to (`operator.<field>`), or null. */
export function operatorConstantOfPath(path: string): OperatorConstantField | null {
  const key = OPERATOR_CONSTANT_KEYS.find((k) => OPERATOR_CONSTANT_FIELDS[k].path === path);
  return key ?? null;
}

function saved<F extends OperatorConstantField>(policy: PolicyPreset, field: F): OperatorConstantValues[F] {
  const local = policy.operator?.[field];
  return { ...OPERATOR_CONSTANT_DEFAULTS[field], ...(local?.value ?? {}) } as OperatorConstantValues[F];
}

/** The account and record limits in force (with the technical constants of people.rule.ts). */
export function peopleSettings(policy: PolicyPreset): PeopleLimits & { retentionBatch: number } {
  return { ...PEOPLE_OPERATOR_DEFAULTS, ...saved(policy, 'peopleLimits') };
}

/** Where the retention period in force comes from (people.rule.ts), for the privacy view and the audit. */
export function retentionSourceIn(policy: PolicyPreset): string {
  const local = policy.operator?.peopleLimits;
  return retentionSourceOf(peopleSettings(policy).exitedRetentionYears, local?.example ?? true);
}

/** The patrol settings in force, in the shape the patrol rules take. */
export function patrolSettingsOf(policy: PolicyPreset): PatrolOperatorSettings {
  const p = saved(policy, 'patrolLimits');
  return {
    hazardDeadlineHours: {
      immediate: p.hazardImmediateHours,
      serious: p.hazardSeriousHours,
      minor: p.hazardMinorHours,
    },
    nobodyHomeRetryDays: p.nobodyHomeRetryDays,
    maxAttemptsPerQuarter: p.maxAttemptsPerQuarter,
    maxUnitsPerRoute: p.maxUnitsPerRoute,
  };
}

/** The message settings in force over `base` (the channels' own: technical sizes stay as they are). */
export function messageSettingsOf(policy: PolicyPreset, base: MessageSettings): MessageSettings {
  return { ...base, ...saved(policy, 'messageLimits') };
}

/** The exit procedure's default periods in force (days). */
export function exitCasePeriodsOf(policy: PolicyPreset): ExitCasePeriods {
  return saved(policy, 'exitCasePeriods');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the operator constants: one Chinese message per group at fault, naming the figure (empty: all
 * good). Groups absent from `v` are not checked (a version saved before they were settable keeps the
 * defaults).
 */
export function validateOperatorConstants(v: Partial<OperatorConstantValues>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of OPERATOR_CONSTANT_KEYS) {
    const value = v[key] as unknown;
    if (value === undefined) continue;
    const { figures, label } = OPERATOR_CONSTANT_FIELDS[key];
    if (!isRecord(value)) {
      fields[key] = `请填写${label}。`;
      continue;
    }
    const names = Object.keys(figures);
    if (Object.keys(value).some((k) => !names.includes(k))) {
      fields[key] = `${label}只能包含已有的项目。`;
      continue;
    }
    for (const [name, f] of Object.entries(figures) as [string, Figure][]) {
      const n = value[name];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < f.min || n > f.max) {
        fields[key] = `${f.label}应为 ${f.min} 到 ${f.max} ${f.unit}的整数。`;
        break;
      }
    }
    if (fields[key]) continue;
    if (key === 'peopleLimits') {
      const p = value as unknown as PeopleLimits;
      if (p.invitationDefaultDays > p.invitationMaxDays) fields[key] = '邀请码默认有效期不能长于最长有效期。';
    }
    if (key === 'patrolLimits') {
      const p = value as unknown as PatrolLimits;
      if (p.hazardImmediateHours > p.hazardSeriousHours || p.hazardSeriousHours > p.hazardMinorHours)
        fields[key] = '整改时限应为：立即危险不长于严重隐患，严重隐患不长于一般隐患。';
    }
  }
  return fields;
}
