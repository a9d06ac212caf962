import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { reason, type Decision } from './reason';

/**
 * The repair and hardship-help request lifecycle (武昌调研报告 二(一)二: 线上报修、困难求助, 线下维修团队快速响应):
 * submitted → accepted → assigned → in_progress → done → confirmed, or rejected with a reason; a tenant may
 * reopen a done or confirmed request within `repair.reopenWithinDays`. Each move names who may make it.
 */
export const REPAIR_STATES = [
  'submitted',
  'accepted',
  'assigned',
  'in_progress',
  'done',
  'confirmed',
  'rejected',
  'reopened',
] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

export const REPAIR_STATE_LABELS: Record<RepairState, string> = {
  submitted: '已提交',
  accepted: '已受理',
  assigned: '已派单',
  in_progress: '维修中',
  done: '已完成待确认',
  confirmed: '已确认',
  rejected: '已驳回',
  reopened: '已重新打开',
};

export type RepairMove = 'accept' | 'assign' | 'start' | 'complete' | 'confirm' | 'reject' | 'reopen';
export type RepairActor = 'tenant' | 'manager' | 'worker';

const MOVES: Record<RepairMove, { from: readonly RepairState[]; to: RepairState; by: RepairActor }> = {
  accept: { from: ['submitted'], to: 'accepted', by: 'manager' },
  assign: { from: ['submitted', 'accepted', 'assigned', 'reopened'], to: 'assigned', by: 'manager' },
  start: { from: ['assigned'], to: 'in_progress', by: 'worker' },
  complete: { from: ['assigned', 'in_progress'], to: 'done', by: 'worker' },
  confirm: { from: ['done'], to: 'confirmed', by: 'tenant' },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: 'manager' },
  reopen: { from: ['done', 'confirmed'], to: 'reopened', by: 'tenant' },
};

/**
 * Whether `actor` may make `move` from `state`; a reopen must come within the reopen period after
 * completion (instants in epoch ms).
 */
export function repairTransition(
  state: RepairState,
  move: RepairMove,
  actor: RepairActor,
  opts: { now: number; doneAt: number | null; policy: PolicyPreset },
): Decision<RepairState> {
  const m = MOVES[move];
  if (m.by !== actor) {
    return {
      ok: false,
      reasons: [reason('REPAIR_NOT_YOURS', cite(opts.policy, 'repair.service'), '您不能进行该操作。')],
    };
  }
  if (!m.from.includes(state)) {
    return {
      ok: false,
      reasons: [
        reason(
          'REPAIR_ILLEGAL_MOVE',
          cite(opts.policy, 'repair.service'),
          `报修单“${REPAIR_STATE_LABELS[state]}”时不能进行该操作。`,
        ),
      ],
    };
  }
  if (move === 'reopen') {
    const limit = opts.policy.repair.reopenWithinDays.value * 86_400_000;
    if (opts.doneAt === null || opts.now > opts.doneAt + limit) {
      return {
        ok: false,
        reasons: [
          reason(
            'REOPEN_TOO_LATE',
            cite(opts.policy, 'repair.reopen'),
            `完工 ${opts.policy.repair.reopenWithinDays.value} 天后不能重新打开，请新建报修。`,
          ),
        ],
      };
    }
  }
  return { ok: true, value: m.to, reasons: [] };
}
