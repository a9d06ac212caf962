import { execSync } from 'node:child_process';
import fc from 'fast-check';
import {
  bytesToHex,
  commitSeed,
  hmacSha256Bytes,
  hmacSha256Keyed,
  utf8ToBytes,
  drawLottery,
  inputDigest,
  LOTTERY_ALGORITHM,
  orderWaitlist,
  sha256Hex,
  verificationCommand,
  verifySeed,
  type LotteryEntry,
  type PriorityTier,
} from '@shared/rules';

const SEED = 'anju-2026-huimin-round1-7f3a9c';
const COMMIT = commitSeed(SEED);
const entries: LotteryEntry[] = [
  { applicationId: 'app-0003', tier: 6 },
  { applicationId: 'app-0001', tier: 1 },
  { applicationId: 'app-0002', tier: 7 },
  { applicationId: 'app-0004', tier: 1 },
  { applicationId: 'app-0005', tier: 6 },
];

const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const entriesArb = fc
  .uniqueArray(idArb, { minLength: 0, maxLength: 60 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.constantFrom<PriorityTier>(1, 2, 3, 4, 5, 6, 7), {
        minLength: ids.length,
        maxLength: ids.length,
      }),
    ),
  )
  .map(([ids, tiers]) => ids.map((applicationId, i) => ({ applicationId, tier: tiers[i] as PriorityTier })));
const seedArb = fc.string({ minLength: 16, maxLength: 40 });

describe('lottery (Wuchang 2(2)3; Ulanqab Art. 14, 16, 18)', () => {
  it('Wuchang 2(2)3: commit before registration closes, reveal at the draw', () => {
    expect(COMMIT).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySeed(SEED, COMMIT)).toBe(true);
    expect(verifySeed(SEED + 'x', COMMIT)).toBe(false);
    expect(() => drawLottery('another-seed-entirely', COMMIT, entries)).toThrow('承诺值');
  });

  it('Ulanqab Art.14: tiers are drawn in order, ranks restart per tier', () => {
    const result = drawLottery(SEED, COMMIT, entries);
    expect(result.algorithm).toBe(LOTTERY_ALGORITHM);
    expect(result.ranked.map((r) => r.tier)).toEqual([1, 1, 6, 6, 7]);
    expect(result.ranked.map((r) => r.tierRank)).toEqual([1, 2, 1, 2, 1]);
    expect(result.ranked.map((r) => r.overallRank)).toEqual([1, 2, 3, 4, 5]);
    const tier1 = result.ranked.filter((r) => r.tier === 1);
    expect(tier1[0]!.score < tier1[1]!.score).toBe(true);
  });

  it('Ulanqab Art.18: the input digest is over the sorted entrants and changes when they change', () => {
    const result = drawLottery(SEED, COMMIT, entries);
    expect(result.inputDigest).toBe(
      sha256Hex(['1:app-0001', '1:app-0004', '6:app-0003', '6:app-0005', '7:app-0002'].join('\n')),
    );
    expect(inputDigest(entries.slice(1))).not.toBe(result.inputDigest);
  });

  it('anyone can recompute a score with openssl', () => {
    const result = drawLottery(SEED, COMMIT, entries);
    const mine = result.ranked.find((r) => r.applicationId === 'app-0003')!;
    const command = verificationCommand(SEED, 'app-0003');
    expect(command).toBe(`printf %s 'app-0003' | openssl dgst -sha256 -hmac '${SEED}'`);
    const out = execSync(command, { encoding: 'utf8' });
    expect(out.trim().split(/\s+/).pop()).toBe(mine.score);
  });

  it('HMAC-SHA256 matches RFC 4231 test case 2 (the published score is the standard algorithm)', () => {
    expect(bytesToHex(hmacSha256Bytes(utf8ToBytes('Jefe'), 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(commitSeed('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('Ulanqab Art.18: a seed must be typeable for openssl (printable ASCII)', () => {
    const seed = '摇号种子摇号种子摇号种子摇号种子';
    expect(() => drawLottery(seed, commitSeed(seed), entries)).toThrow('可打印 ASCII');
  });

  it('property: the openssl command reproduces the score for any printable seed and id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16, maxLength: 40 }), idArb, (seed, id) => {
        const r = drawLottery(seed, commitSeed(seed), [{ applicationId: id, tier: 1 }]);
        const out = execSync(verificationCommand(seed, id), { encoding: 'utf8', shell: '/bin/sh' });
        expect(out.trim().split(/\s+/).pop()).toBe(r.ranked[0]!.score);
      }),
      { numRuns: 15 },
    );
  });

  it('refuses duplicate or malformed application ids and short seeds', () => {
    expect(() => drawLottery(SEED, COMMIT, [...entries, { applicationId: 'app-0001', tier: 2 }])).toThrow(
      '重复',
    );
    expect(() => drawLottery(SEED, COMMIT, [{ applicationId: 'bad id!', tier: 1 }])).toThrow('不合法');
    expect(() => drawLottery('short', commitSeed('short'), entries)).toThrow('16');
  });

  it('property: the result is a permutation of the entrants', () => {
    fc.assert(
      fc.property(seedArb, entriesArb, (seed, list) => {
        const r = drawLottery(seed, commitSeed(seed), list);
        expect(r.ranked.map((x) => x.applicationId).sort()).toEqual(list.map((x) => x.applicationId).sort());
        expect(r.ranked.map((x) => x.overallRank)).toEqual(list.map((_, i) => i + 1));
        // Tiers in order, ranks restart per tier, scores ascending within a tier and equal to the HMAC.
        for (let i = 1; i < r.ranked.length; i++) {
          const [a, b] = [r.ranked[i - 1]!, r.ranked[i]!];
          expect(a.tier <= b.tier).toBe(true);
          if (a.tier === b.tier) {
            expect(a.score < b.score).toBe(true);
            expect(b.tierRank).toBe(a.tierRank + 1);
          } else expect(b.tierRank).toBe(1);
        }
        for (const x of r.ranked.slice(0, 3))
          expect(x.score).toBe(bytesToHex(hmacSha256Bytes(utf8ToBytes(seed), x.applicationId)));
        expect(r.inputDigest).toBe(inputDigest(list));
        expect(r.entrants).toBe(list.length);
      }),
    );
  });

  it('property: independent of input order and deterministic for a seed', () => {
    fc.assert(
      fc.property(seedArb, entriesArb, fc.integer(), (seed, list, shuffleSeed) => {
        const shuffled = [...list].sort((a, b) =>
          sha256Hex(a.applicationId + shuffleSeed) < sha256Hex(b.applicationId + shuffleSeed) ? -1 : 1,
        );
        const a = drawLottery(seed, commitSeed(seed), list);
        const b = drawLottery(seed, commitSeed(seed), shuffled);
        expect(b).toEqual(a);
      }),
    );
  });

  it('property: a different seed gives a different order (for 8+ entrants in one tier)', () => {
    fc.assert(
      fc.property(seedArb, seedArb, fc.uniqueArray(idArb, { minLength: 8, maxLength: 30 }), (s1, s2, ids) => {
        fc.pre(s1 !== s2);
        const list = ids.map((applicationId) => ({ applicationId, tier: 1 as PriorityTier }));
        const a = drawLottery(s1, commitSeed(s1), list).ranked.map((r) => r.applicationId);
        const b = drawLottery(s2, commitSeed(s2), list).ranked.map((r) => r.applicationId);
        expect(a).not.toEqual(b); // 8! orders: a collision has probability 1/40320 per pair
      }),
      { numRuns: 50 },
    );
  });
});

describe('waitlist for vacated units (Wuchang 2(2)3: certificate date order, 低保 and low-income first)', () => {
  it('orders by tier, then certificate date, then SHA-256(household id)', () => {
    const list = [
      { householdId: 'h-b', tier: 7 as const, certificateDate: '2019-01-01' },
      { householdId: 'h-c', tier: 1 as const, certificateDate: '2024-05-01' },
      { householdId: 'h-a', tier: 6 as const, certificateDate: '2020-03-01' },
      { householdId: 'h-d', tier: 6 as const, certificateDate: '2018-03-01' },
      { householdId: 'h-e', tier: 6 as const, certificateDate: '2018-03-01' },
    ];
    const ordered = orderWaitlist(list).map((e) => e.householdId);
    expect(ordered[0]).toBe('h-c');
    expect(ordered[3]).toBe('h-a');
    expect(ordered[4]).toBe('h-b');
    const tied = sha256Hex('h-d') < sha256Hex('h-e') ? ['h-d', 'h-e'] : ['h-e', 'h-d'];
    expect(ordered.slice(1, 3)).toEqual(tied);
  });

  it('property: tier first, then certificate date; a permutation of the input', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            householdId: idArb,
            tier: fc.constantFrom<PriorityTier>(1, 2, 3, 4, 5, 6, 7),
            certificateDate: fc.constantFrom('2018-03-01', '2019-01-01', '2020-06-30', '2021-12-31'),
          }),
          { selector: (e) => e.householdId, maxLength: 40 },
        ),
        (list) => {
          const out = orderWaitlist(list);
          expect(out.map((e) => e.householdId).sort()).toEqual(list.map((e) => e.householdId).sort());
          for (let i = 1; i < out.length; i++) {
            const [a, b] = [out[i - 1]!, out[i]!];
            expect(a.tier < b.tier || (a.tier === b.tier && a.certificateDate <= b.certificateDate)).toBe(
              true,
            );
          }
        },
      ),
    );
  });

  it('property: the order does not depend on input order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            householdId: idArb,
            tier: fc.constantFrom<PriorityTier>(1, 6, 7),
            certificateDate: fc.constantFrom('2019-01-01', '2020-06-30', '2021-12-31'),
          }),
          { selector: (e) => e.householdId, maxLength: 40 },
        ),
        (list) => {
          expect(orderWaitlist([...list].reverse())).toEqual(orderWaitlist(list));
        },
      ),
    );
  });
});

describe('keyed HMAC', () => {
  it('property: the cloned keyed state gives the same bytes as a fresh HMAC', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.array(fc.string(), { maxLength: 5 }), (key, messages) => {
        const keyed = hmacSha256Keyed(utf8ToBytes(key));
        for (const m of messages)
          expect(bytesToHex(keyed(m))).toBe(bytesToHex(hmacSha256Bytes(utf8ToBytes(key), m)));
      }),
    );
  });
});
