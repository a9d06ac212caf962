import fc from 'fast-check';
import {
  addFen,
  billBalance,
  ledgerFigures,
  ledgerRefusal,
  MAX_BILL_FEN,
  sumFen,
  type LedgerEffect,
} from '@shared/rules/billing.rule';

describe('bookkeeping limits (money exact: integer fen, safe integers, a bill within ¥1,000,000)', () => {
  it('adds fen exactly or refuses', () => {
    expect(addFen(1, 2)).toBe(3);
    expect(() => addFen(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
    expect(() => addFen(0.5, 1)).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER - 1, 1, 1])).toThrow(RangeError);
    expect(sumFen([])).toBe(0);
  });

  it('a balance that would leave the safe-integer range is refused, not rounded', () => {
    expect(() => billBalance(Number.MAX_SAFE_INTEGER, [{ kind: 'adjustment', deltaFen: 2 }])).toThrow(
      RangeError,
    );
    expect(ledgerRefusal(Number.MAX_SAFE_INTEGER, [{ kind: 'adjustment', deltaFen: 2 }])?.code).toBe(
      'LEDGER_INEXACT',
    );
  });

  it.each([
    ['a charge above ¥1,000,000', MAX_BILL_FEN + 1, [], 'CHARGE_OUT_OF_RANGE'],
    [
      'adjustments adding up past ¥1,000,000',
      100,
      [{ kind: 'adjustment', deltaFen: MAX_BILL_FEN }],
      'CHARGE_ABOVE_LIMIT',
    ],
    ['a charge adjusted below zero', 100, [{ kind: 'adjustment', deltaFen: -101 }], 'CHARGE_NEGATIVE'],
    [
      'more waived than charged',
      100,
      [
        { kind: 'waiver', deltaFen: -100 },
        { kind: 'adjustment', deltaFen: -50 },
      ],
      'WAIVED_ABOVE_CHARGE',
    ],
    [
      'more refunded than received',
      100,
      [
        { kind: 'payment', deltaFen: -50 },
        { kind: 'refund', deltaFen: 60 },
      ],
      'REFUND_ABOVE_PAID',
    ],
  ] as [string, number, LedgerEffect[], string][])('refuses %s', (_name, charge, entries, code) => {
    expect(ledgerRefusal(charge, entries)).toMatchObject({
      code,
      message: expect.stringMatching(/[\u4e00-\u9fff]/),
    });
  });

  it('allows money received beyond what is owed (it is to be refunded)', () => {
    expect(
      ledgerRefusal(100, [
        { kind: 'payment', deltaFen: -100 },
        { kind: 'payment', deltaFen: -100 },
      ]),
    ).toBeNull();
  });

  it('whatever the entries, a ledger the limits accept has every figure exact and the charge within range', () => {
    const effect = fc.record({
      kind: fc.constantFrom('payment', 'adjustment', 'refund', 'waiver') as fc.Arbitrary<
        LedgerEffect['kind']
      >,
      deltaFen: fc.integer({ min: -MAX_BILL_FEN, max: MAX_BILL_FEN }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: MAX_BILL_FEN + 10 }),
        fc.array(effect, { maxLength: 12 }),
        (charge, entries) => {
          if (ledgerRefusal(charge, entries)) return;
          const f = ledgerFigures(charge, entries);
          for (const v of Object.values(f)) expect(Number.isSafeInteger(v)).toBe(true);
          expect(f.adjustedChargeFen).toBeGreaterThanOrEqual(0);
          expect(f.adjustedChargeFen).toBeLessThanOrEqual(MAX_BILL_FEN);
          expect(f.waivedFen).toBeLessThanOrEqual(f.adjustedChargeFen);
          expect(f.paidFen).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
