import { resolvePolicy } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { cite } from '@shared/policy/sources';
import { billDueDate, firstMonthProration } from '@shared/rules/billing.rule';

/** The month a lease starts in (运营方设定 billing.firstMonthRent) and when a bill falls due. */
describe('first month and due dates', () => {
  const policy = WUCHANG_PRESET;

  it('the default setting is calendar days, marked as the operator’s to confirm', () => {
    expect(policy.billing.firstMonthRent).toMatchObject({ value: 'calendar-days', example: true });
    expect(cite(policy, 'billing.firstMonth')).toMatch(/^运营方设定（起租当月租金，.*示例值）$/);
  });

  it.each([
    ['2026-11', '2026-11-29', 30_000, 2, 30, 2_000],
    ['2026-12', '2026-12-20', 31_000, 12, 31, 12_000],
    ['2028-02', '2028-02-15', 29_000, 15, 29, 15_000], // a leap February
    ['2026-02', '2026-02-28', 28_000, 1, 28, 1_000],
    ['2026-11', '2026-11-02', 100, 29, 30, 97], // 96.67 rounds half up once
  ])('%s, starting %s: %d fen a month → %d/%d days', (period, start, monthly, days, dim, charged) => {
    const line = firstMonthProration(period, start, monthly, policy)!;
    expect(line).toEqual({
      kind: 'proration',
      label: `起租当月按天计租（${start} 起租，${days}/${dim} 天）`,
      amountFen: charged - monthly,
      clause: cite(policy, 'billing.firstMonth'),
    });
  });

  it('nothing to take off: a start on the 1st, an earlier start, a free month, or a district charging the whole month', () => {
    expect(firstMonthProration('2026-11', '2026-11-01', 30_000, policy)).toBeNull();
    expect(firstMonthProration('2026-11', '2026-10-29', 30_000, policy)).toBeNull();
    expect(firstMonthProration('2026-11', '2026-11-29', 0, policy)).toBeNull();
    const full = resolvePolicy(policy, {
      billing: { firstMonthRent: { value: 'full-month', example: false, decidedBy: '某区住房保障部门' } },
    });
    expect(firstMonthProration('2026-11', '2026-11-29', 30_000, full)).toBeNull();
  });

  it.each([
    ['the timer’s bill on the 1st', '2026-12', '2024-01-01', '2026-12-01', '2026-12-15'],
    ['a lease starting after the due day', '2026-12', '2026-12-20', '2026-12-01', '2026-12-20'],
    ['a lease signed on the 29th, billed that day', '2026-11', '2026-11-29', '2026-11-29', '2026-12-13'],
    ['a month billed late', '2026-10', '2026-09-01', '2026-11-22', '2026-12-06'],
    ['across the year end', '2026-12', '2026-12-30', '2026-12-30', '2027-01-13'],
  ])('%s', (_name, period, leaseStartDate, madeOn, due) => {
    expect(billDueDate({ period, leaseStartDate, madeOn }, policy)).toBe(due);
    expect(due >= madeOn && due >= leaseStartDate).toBe(true);
  });
});
