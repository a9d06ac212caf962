import {
  repairTransition,
  WUCHANG_PRESET as W,
  type RepairActor,
  type RepairMove,
  type RepairState,
} from '@shared/rules';

const now = Date.UTC(2026, 10, 22, 2);
const day = 86_400_000;
const opts = { now, doneAt: now - day, policy: W };

describe('repair lifecycle (Wuchang 2(1)2)', () => {
  it.each<[string, RepairState, RepairMove, RepairActor, RepairState]>([
    ['Wuchang 2(1)2: the manager accepts a new request', 'submitted', 'accept', 'manager', 'accepted'],
    ['Wuchang 2(1)2: the manager assigns a worker', 'accepted', 'assign', 'manager', 'assigned'],
    ['Wuchang 2(1)2: the manager reassigns', 'assigned', 'assign', 'manager', 'assigned'],
    ['Wuchang 2(1)2: the worker starts', 'assigned', 'start', 'worker', 'in_progress'],
    ['Wuchang 2(1)2: the worker finishes', 'in_progress', 'complete', 'worker', 'done'],
    ['Wuchang 2(1)2: the tenant confirms', 'done', 'confirm', 'tenant', 'confirmed'],
    ['Wuchang 2(1)2: the tenant reopens within 7 days', 'confirmed', 'reopen', 'tenant', 'reopened'],
    ['Wuchang 2(1)2: a reopened request is assigned again', 'reopened', 'assign', 'manager', 'assigned'],
    ['Wuchang 2(1)2: the manager rejects with a reason', 'submitted', 'reject', 'manager', 'rejected'],
  ])('%s', (_n, from, move, actor, to) =>
    expect(repairTransition(from, move, actor, opts)).toEqual({ ok: true, value: to, reasons: [] }),
  );

  it.each<[string, RepairState, RepairMove, RepairActor, string]>([
    [
      'a request cannot be confirmed before it is done',
      'in_progress',
      'confirm',
      'tenant',
      'REPAIR_ILLEGAL_MOVE',
    ],
    ['a tenant cannot assign', 'accepted', 'assign', 'tenant', 'REPAIR_NOT_YOURS'],
    ['a worker cannot confirm their own work', 'done', 'confirm', 'worker', 'REPAIR_NOT_YOURS'],
    ['a done request cannot be rejected', 'done', 'reject', 'manager', 'REPAIR_ILLEGAL_MOVE'],
  ])('%s', (_n, from, move, actor, code) => {
    const d = repairTransition(from, move, actor, opts);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reasons[0]!.code).toBe(code);
  });

  it('reopening after 7 days is refused', () => {
    const d = repairTransition('done', 'reopen', 'tenant', { ...opts, doneAt: now - 8 * day });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reasons[0]!.message).toContain('7 天后不能重新打开');
  });
});
