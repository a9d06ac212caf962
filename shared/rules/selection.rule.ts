import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { reason, type Decision, type Reason } from './reason';

/**
 * Selection rounds (武昌调研报告 二(二)三 选房; 乌兰察布 第十六条 确定房号): applicants choose in lottery order,
 * each in their own window of `selection.windowMinutes`. A waiver is recorded and the next in line moves
 * up: the remaining windows are rescheduled from the moment of the waiver. Whether the household that
 * waived leaves the round or goes to the end of the order is the district's setting
 * `selection.waiverLeavesRound` (the report only counts waivers, 武昌调研报告 一: 选房放弃承租1220户). Instants are
 * epoch milliseconds.
 */
export interface SelectionWindow {
  applicationId: string;
  /** 1-based turn. */
  turn: number;
  opensAt: number;
  closesAt: number;
}

export interface Waiver {
  applicationId: string;
  at: number;
  turn: number;
  clause: string;
}

/**
 * One window per applicant in lottery order (武昌调研报告 二(二)三 摇号→选房), back to back from `startsAt`, each
 * `selection.windowMinutes` long (a local value). Epoch ms; a window is [opensAt, closesAt).
 */
export function planSelectionWindows(
  orderedApplicationIds: readonly string[],
  startsAt: number,
  policy: PolicyPreset,
): SelectionWindow[] {
  const span = policy.selection.windowMinutes.value * 60_000;
  if (span <= 0) throw new RangeError('选房时段长度必须大于 0');
  if (new Set(orderedApplicationIds).size !== orderedApplicationIds.length)
    throw new RangeError('选房顺序中有重复的申请');
  return orderedApplicationIds.map((applicationId, i) => ({
    applicationId,
    turn: i + 1,
    opensAt: startsAt + i * span,
    closesAt: startsAt + (i + 1) * span,
  }));
}

/** May this applicant choose now? Refusals say when their window is. */
export function checkSelectionWindow(
  windows: readonly SelectionWindow[],
  applicationId: string,
  now: number,
  policy: PolicyPreset,
): Decision<SelectionWindow> {
  const w = windows.find((x) => x.applicationId === applicationId);
  const reasons: Reason[] = [];
  const clause = cite(policy, 'allocation.selection');
  if (!w) {
    reasons.push(reason('NOT_IN_ROUND', clause, '您不在本轮选房名单中。'));
    return { ok: false, reasons };
  }
  if (now < w.opensAt)
    reasons.push(reason('WINDOW_NOT_OPEN', clause, '尚未轮到您选房，请在您的选房时段内操作。'));
  if (now >= w.closesAt) reasons.push(reason('WINDOW_CLOSED', clause, '您的选房时段已结束。'));
  return reasons.length ? { ok: false, reasons } : { ok: true, value: w, reasons };
}

/**
 * Records a waiver and moves everyone after the applicant up one turn. Windows not yet open are
 * rescheduled back to back from `max(now, the waived window's opening)`, so nobody loses time already
 * given and nobody's window opens in the past. With `selection.waiverLeavesRound` (the default) the household
 * leaves the round; without it, it gets the last turn, after everyone else. The waiver cites the setting.
 */
export function applyWaiver(
  windows: readonly SelectionWindow[],
  applicationId: string,
  now: number,
  policy: PolicyPreset,
): { windows: SelectionWindow[]; waiver: Waiver } {
  const index = windows.findIndex((w) => w.applicationId === applicationId);
  if (index < 0) throw new RangeError('该申请不在本轮选房名单中');
  const waived = windows[index] as SelectionWindow;
  if (now >= waived.closesAt) throw new RangeError('选房时段已结束，无需放弃');
  const span = policy.selection.windowMinutes.value * 60_000;
  const before = windows.slice(0, index);
  let next = Math.max(now, waived.opensAt);
  const after = windows.slice(index + 1).map((w, i) => {
    const opensAt = w.opensAt <= now ? w.opensAt : next;
    const closesAt = w.opensAt <= now ? w.closesAt : next + span;
    next = closesAt;
    return { applicationId: w.applicationId, turn: index + 1 + i, opensAt, closesAt };
  });
  const again: SelectionWindow[] = policy.selection.waiverLeavesRound.value
    ? []
    : [{ applicationId, turn: windows.length, opensAt: next, closesAt: next + span }];
  return {
    windows: [...before, ...after, ...again],
    waiver: { applicationId, at: now, turn: waived.turn, clause: cite(policy, 'selection.waiver') },
  };
}
