import { act, fireEvent, render, waitFor } from '@testing-library/react';
import type { RenewalRow, VisitView } from '@shared/contracts';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import PatrolVisit from '../../client/pages/patrol-visit/index';
import RenewalsPage from '../../client/pages/renewals/index';
import { outbox } from '../../client/services/offline-queue';
import { rememberVisits } from '../../client/services/patrol-cache';
import { fakeBackend } from './fake-backend';
import { modals, resetTaro, routerParams, toasts } from './mocks/taro';

/**
 * Issue #19 on the volunteer's visit log and the office's renewal decisions: each wrong or missing field says
 * so in Chinese right under itself, the field is marked invalid for the screen reader (aria-invalid, and
 * aria-describedby naming the message), typing into it clears the message, and nothing is sent or kept.
 */
const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));
const type = (selector: string, value: string) =>
  act(async () => void fireEvent.change(document.querySelector(selector)!, { target: { value } }));

/** The error under the field with this id, with what the field says of it. */
function fieldState(id: string) {
  const field = document.querySelector(`#${id}`);
  return {
    error: document.querySelector(`#${id}-error`)?.textContent ?? null,
    invalid: field?.getAttribute('aria-invalid') ?? null,
    describedBy: field?.getAttribute('aria-describedby') ?? '',
  };
}

const visit: VisitView = {
  id: 'q-2026-Q4-p-test-u101',
  runId: 'q-2026-Q4',
  routeId: 'q-2026-Q4-p-test-b1-r01',
  target: 'unit',
  label: '1栋-101',
  buildingName: '1栋',
  floor: 1,
  status: 'to_visit',
  statusLabel: '待走访',
  specialCare: false,
  attempts: 0,
  retryOn: null,
  plannedOn: '2026-11-22',
  lastVisitedAt: null,
  checklist: HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, label: c.label })),
};

describe('the visit log (走访记录): errors under their fields', () => {
  beforeEach(() => {
    resetTaro();
    routerParams.id = visit.id;
    rememberVisits([visit]);
  });

  it('a refusal without notes, and no occupancy, say so under those fields and keep nothing', async () => {
    const backend = fakeBackend();
    render(<PatrolVisit />);
    await click('outcome-refused');
    await click('save-visit');
    expect(fieldState('visit-notes')).toEqual({
      error: '请在备注中说明拒绝入户的情况。',
      invalid: 'true',
      describedBy: 'visit-notes-error',
    });
    expect(fieldState('occupancy').error).toBe('请选择这户是否有人居住（看不出来请选“无法判断”）。');
    expect(backend.calls).toEqual([]);
    expect(outbox()).toEqual([]);

    await type('#visit-notes', '住户不在意，隔门交谈');
    expect(fieldState('visit-notes')).toEqual({ error: null, invalid: 'false', describedBy: '' });
    await click('occupancy-lived_in');
    expect(fieldState('occupancy').error).toBeNull();
  });

  it('a problem found without saying what asks for it under that item', async () => {
    const backend = fakeBackend();
    render(<PatrolVisit />);
    await click('occupancy-lived_in');
    const [first, ...rest] = visit.checklist;
    for (const c of rest) await click(`check-${c.id}-ok`);
    await click(`check-${first!.id}-problem`);
    await click('save-visit');
    const note = `check-${first!.id}-note`;
    expect(fieldState(note)).toEqual({
      error: `请说明“${first!.label}”发现的问题。`,
      invalid: 'true',
      describedBy: `${note}-error`,
    });
    // The item's field is labelled for what it asks, as 必填.
    expect(document.querySelector(`#${note}`)!.getAttribute('aria-label')).toBe(
      `${first!.label}发现的问题（必填）`,
    );
    expect(backend.calls).toEqual([]);
    expect(outbox()).toEqual([]);
  });
});

const row: RenewalRow = {
  leaseId: 'l-test-1',
  renewalId: 'rn-l-test-1',
  householdName: '王芳',
  projectName: '测试家园',
  unitLabel: '1栋 101',
  endDate: '2027-01-31',
  dueBy: '2026-12-01',
  status: 'submitted',
  statusLabel: '已申请，待审核',
  overdue: false,
  eligible: true,
  reasons: [],
  monthlyRentFen: 800_00,
  newStartDate: null,
  newEndDate: null,
  newMonthlyRentFen: null,
  contractId: null,
  moveOutBy: null,
};

describe('renewal decisions (续租审核): the reason of a refusal', () => {
  beforeEach(() => resetTaro());

  it('不予续租 without a reason says so under the reason and asks nothing; with one it sends it', async () => {
    const backend = fakeBackend()
      .on('allocation', 'listRenewals', () => [row])
      .on('allocation', 'decideRenewal', (): RenewalRow => ({
        ...row,
        status: 'refused',
        statusLabel: '不予续租',
      }));
    render(<RenewalsPage />);
    await waitFor(() => expect(document.querySelector(`#renewal-${row.leaseId}`)).not.toBeNull());
    const field = `renewal-reason-${row.leaseId}`;
    await click(`renewal-refuse-${row.leaseId}`);
    expect(fieldState(field)).toEqual({
      error: '请填写不予续租的理由。',
      invalid: 'true',
      describedBy: `${field}-hint ${field}-error`,
    });
    expect(modals).toEqual([]);
    expect(backend.inputsOf('allocation', 'decideRenewal')).toEqual([]);

    await type(`#${field}`, ' 家庭收入已超过保障标准 ');
    expect(fieldState(field).error).toBeNull();
    await click(`renewal-refuse-${row.leaseId}`);
    await waitFor(() => expect(toasts).toEqual(['已处理']));
    expect(backend.inputsOf('allocation', 'decideRenewal')).toEqual([
      { renewalId: row.renewalId, approve: false, reason: '家庭收入已超过保障标准' },
    ]);
  });
});
