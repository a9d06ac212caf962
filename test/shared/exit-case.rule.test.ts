import { ULANQAB_PRESET } from '@shared/policy/presets/district.presets';
import {
  EXIT_CASE_MOVES,
  EXIT_CASE_STATES,
  EXIT_CASE_STEPS,
  checkExitStep,
  exitCaseDeadline,
  exitSettlement,
  isOpenExitCase,
  openingFinding,
  type ExitCaseRole,
  type ExitCaseState,
  type ExitCaseStep,
} from '@shared/rules/exit-case.rule';

const P = ULANQAB_PRESET;
const facts = (state: ExitCaseState, respondBy: string | null = null, moveOutBy: string | null = null) => ({
  state,
  respondBy,
  moveOutBy,
});

describe('exit case state machine (Ulanqab Art. 31–33, 37, 38)', () => {
  const allowed: [string, ExitCaseState, ExitCaseStep, ExitCaseRole, ExitCaseState][] = [
    ['Art.33: the office gives written notice of an opened case', 'opened', 'notify', 'office', 'notified'],
    [
      'Art.33: the household states its case after notice',
      'notified',
      'statement',
      'household',
      'statement_received',
    ],
    [
      'Art.33: the office decides after the statement',
      'statement_received',
      'decide_exit',
      'office',
      'decided_exit',
    ],
    [
      'Art.33: closing without exit is a decision (arrears paid)',
      'opened',
      'close_no_exit',
      'office',
      'closed_no_exit',
    ],
    [
      'Art.33: closing without exit after the statement',
      'statement_received',
      'close_no_exit',
      'office',
      'closed_no_exit',
    ],
    ['Art.32: move-out inspection after the decision', 'decided_exit', 'inspect', 'office', 'inspected'],
    ['Art.37/38: settlement after inspection', 'inspected', 'settle', 'office', 'settled'],
    ['Art.32: the lease ends after settlement', 'settled', 'end_lease', 'office', 'vacated'],
  ];
  it.each(allowed)('%s', (_name, state, step, role, to) => {
    const d = checkExitStep(facts(state), step, role, '2026-12-01', 'arrears_6_months', P);
    expect(d).toEqual({ ok: true, value: to, reasons: [] });
  });

  it('every step refuses the other role and every state it does not name, each time with a reason and clause', () => {
    let checked = 0;
    for (const step of EXIT_CASE_STEPS)
      for (const state of EXIT_CASE_STATES)
        for (const role of ['office', 'household'] as const) {
          const spec = EXIT_CASE_MOVES[step];
          const d = checkExitStep(facts(state), step, role, '2026-12-01', 'sublet_or_change_of_use', P);
          const shouldPass = spec.by === role && spec.from.includes(state);
          expect({ step, state, role, ok: d.ok }).toEqual({ step, state, role, ok: shouldPass });
          if (!d.ok) {
            expect(d.reasons.length).toBeGreaterThan(0);
            for (const r of d.reasons) expect(r.clause).not.toBe('');
            if (spec.by !== role) expect(d.reasons.map((r) => r.code)).toContain('EXIT_STEP_WRONG_ROLE');
          }
          checked++;
        }
    expect(checked).toBe(EXIT_CASE_STEPS.length * EXIT_CASE_STATES.length * 2);
  });

  it('closed cases take no step at all', () => {
    for (const state of ['vacated', 'closed_no_exit'] as const) {
      expect(isOpenExitCase(state)).toBe(false);
      for (const step of EXIT_CASE_STEPS)
        for (const role of ['office', 'household'] as const)
          expect(checkExitStep(facts(state), step, role, '2026-12-01', 'vacant_6_months', P).ok).toBe(false);
    }
  });

  it('Art.33: without a statement the office decides only after the period to answer has ended', () => {
    const during = checkExitStep(
      facts('notified', '2026-12-16'),
      'decide_exit',
      'office',
      '2026-12-16',
      'arrears_6_months',
      P,
    );
    expect(during.ok).toBe(false);
    expect(during.reasons.map((r) => r.code)).toEqual(['EXIT_STEP_RESPOND_PERIOD']);
    expect(during.reasons[0]?.message).toContain('2026-12-16');
    const after = checkExitStep(
      facts('notified', '2026-12-16'),
      'decide_exit',
      'office',
      '2026-12-17',
      'arrears_6_months',
      P,
    );
    expect(after.ok).toBe(true);
  });

  it.each([
    [
      'notified: the answer is due, overdue the day after',
      facts('notified', '2026-12-16'),
      '2026-12-17',
      '2026-12-16',
      true,
    ],
    [
      'notified: on the day due it is not overdue',
      facts('notified', '2026-12-16'),
      '2026-12-16',
      '2026-12-16',
      false,
    ],
    [
      'decided: the move-out is due',
      facts('decided_exit', '2026-12-16', '2027-01-15'),
      '2027-01-10',
      '2027-01-15',
      false,
    ],
    [
      'decided: past the move-out day',
      facts('decided_exit', '2026-12-16', '2027-01-15'),
      '2027-01-16',
      '2027-01-15',
      true,
    ],
    ['closed: nothing awaited', facts('closed_no_exit'), '2030-01-01', null, false],
  ])('deadline — %s', (_name, f, today, dueOn, overdue) => {
    expect(exitCaseDeadline(f, today)).toMatchObject({ dueOn, overdue });
  });
});

describe('opening finding (rules module thresholds and consequences)', () => {
  it.each([
    ['Art.32(4): 6 months of arrears open a case', 'arrears_6_months', { arrearsMonths: 6 }, true],
    ['Art.32(4): 5 months of arrears do not', 'arrears_6_months', { arrearsMonths: 5 }, false],
    ['Art.32(3): 6 months vacant open a case', 'vacant_6_months', { vacantMonths: 6 }, true],
    ['Art.32(3): 2 months vacant do not', 'vacant_6_months', { vacantMonths: 2 }, false],
    ['Art.32(2): sublet opens a case', 'sublet_or_change_of_use', {}, true],
    ['Art.37: false material opens a case', 'false_information', {}, true],
    ['Art.31: above the line at renewal opens a case', 'no_longer_eligible', {}, true],
  ] as const)('%s', (_name, trigger, figures, ok) => {
    const d = openingFinding(trigger, figures, P);
    expect(d.ok).toBe(ok);
    if (d.ok) {
      expect(d.value.trigger).toBe(trigger);
      expect(d.value.clause).toMatch(/第/);
      expect(d.value.consequences.length).toBeGreaterThan(0);
    } else expect(d.reasons[0]?.code).toBe('EXIT_TRIGGER_NOT_MET');
  });

  it('Art.38: sublet with gains caps the fine at 3× gains, never above 30,000 yuan; 5-year ban', () => {
    const small = openingFinding('sublet_or_change_of_use', { illegalGainsFen: 200_000 }, P);
    const large = openingFinding('sublet_or_change_of_use', { illegalGainsFen: 5_000_000 }, P);
    expect(small.ok && small.value.maxFineFen).toBe(600_000);
    expect(large.ok && large.value.maxFineFen).toBe(3_000_000);
    expect(large.ok && large.value.reapplyBan).toBe(true);
  });
});

describe('move-out settlement (fen)', () => {
  const base = {
    depositFen: 200_000,
    arrearsFen: 150_000,
    backPayFen: 0,
    damageFen: 20_000,
    fineFen: 0,
    maxFineFen: 100_000,
  };
  it('the deposit pays what is owed and the rest is refunded', () => {
    expect(exitSettlement(base, P)).toMatchObject({
      ok: true,
      value: { owedFen: 170_000, refundDueFen: 30_000, stillOwedFen: 0 },
    });
  });
  it('what the deposit does not cover is still owed', () => {
    expect(exitSettlement({ ...base, arrearsFen: 250_000 }, P)).toMatchObject({
      ok: true,
      value: { owedFen: 270_000, refundDueFen: 0, stillOwedFen: 70_000 },
    });
  });
  it('Art.38: a fine above the case cap is refused', () => {
    const d = exitSettlement({ ...base, fineFen: 100_001 }, P);
    expect(d.ok).toBe(false);
    expect(d.reasons[0]?.code).toBe('EXIT_FINE_ABOVE_CAP');
  });
  it('negative or fractional amounts are refused', () => {
    expect(exitSettlement({ ...base, damageFen: -1 }, P).ok).toBe(false);
    expect(exitSettlement({ ...base, damageFen: 1.5 }, P).ok).toBe(false);
  });
});
