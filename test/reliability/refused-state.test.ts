import {
  buildScenario,
  diff,
  fullChecklist,
  START,
  type Answer,
  type Ids,
  type Scenario,
  type Who,
} from './scenario';
import { COLLECTIONS } from '@shared/collections';
import { makeSignaturePng } from '../factories/png.factory';
import { uploadAs } from '../factories/upload.factory';

/**
 * A call refused for the state its object is in writes nothing: each state-changing action is called
 * where it must be refused (a second completion, confirming before done, paying a paid bill, selecting
 * outside one's window, logging a finished stop, …) and every collection and stored file is compared
 * before and after. A replay of something already done (signing twice, asking twice) may answer with the
 * stored result, and must write nothing either. The cases run in order on one scenario: a case's setup
 * (written before its snapshot) moves the scenario on.
 */
const DAY = 86_400_000;
const at = (ms: number) => new Date(START.getTime() + ms);
let lastOfferAt = START;

interface Case {
  name: string;
  /** Moves the scenario into the state the case needs (its writes are not compared). */
  setup?: (s: Scenario) => Promise<void>;
  who: Who;
  call: [fn: string, action: string, input: (i: Ids) => Record<string, unknown>];
  /** The refusal expected, or `replay`: any answer, as long as nothing is written. */
  expect: string | 'replay';
  /** The clock for the call (START when omitted). */
  now?: Date | (() => Date);
}

/** The round's results were on notice and the notice ended with no objection: signing is open (选房 → 公示 → 签约). */
async function noticeOver(s: Scenario): Promise<void> {
  await s.db
    .collection(COLLECTIONS.rounds)
    .doc(s.ids.roundId)
    .update({ status: 'publicized', noticeEndsOn: '2026-11-01' });
}

const must = async (p: Promise<Answer>, what: string) => {
  const a = await p;
  if (!a.ok) throw new Error(`setup ${what}: ${a.error.code} ${a.error.message}`);
  return a.data;
};

const CASES: Case[] = [
  // ---- repairs ----
  {
    name: 'a second repair.complete (with another after-photo)',
    who: 'wA',
    call: [
      'repair',
      'complete',
      (i) => ({ repairId: i.rep.done, note: '再次完成', afterPhotos: [i.up.repairAfter] }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'confirming a repair before it is done',
    who: 'tA1',
    call: ['repair', 'confirm', (i) => ({ repairId: i.rep.inProgress, good: true, reasons: [] })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'starting a repair already done',
    who: 'wA',
    call: ['repair', 'start', (i) => ({ repairId: i.rep.done })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'accepting a repair already done',
    who: 'mA',
    call: ['repair', 'accept', (i) => ({ repairId: i.rep.done })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'assigning a repair already done',
    who: 'mA',
    call: [
      'repair',
      'assign',
      (i) => ({ repairId: i.rep.done, workerUserId: 'u-wa', visitAt: '2026-11-24T10:00:00+08:00' }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'rejecting a repair in progress',
    who: 'mA',
    call: ['repair', 'reject', (i) => ({ repairId: i.rep.inProgress, reason: '不属于维修范围' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'reopening a repair not yet done',
    who: 'tA1',
    call: ['repair', 'reopen', (i) => ({ repairId: i.rep.submitted, reason: '还在漏水' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'extending the deadline of a repair already done',
    who: 'mA',
    call: [
      'repair',
      'extendDeadline',
      (i) => ({ repairId: i.rep.done, deadline: '2026-12-31T10:00:00+08:00', reason: '补登期限' }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'reopening a repair after the 7 days',
    who: 'tA1',
    now: at(8 * DAY),
    call: ['repair', 'reopen', (i) => ({ repairId: i.rep.done, reason: '又漏水了' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'confirming a repair twice',
    setup: async (s) => {
      await must(
        s.call('tA1', 'repair', 'confirm', { repairId: s.ids.rep.done, good: true, reasons: [] }),
        'confirm',
      );
    },
    who: 'tA1',
    call: ['repair', 'confirm', (i) => ({ repairId: i.rep.done, good: false, reasons: ['slow'] })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'extending the deadline of a confirmed repair',
    who: 'mA',
    call: [
      'repair',
      'extendDeadline',
      (i) => ({ repairId: i.rep.done, deadline: '2026-12-31T10:00:00+08:00', reason: '补登期限' }),
    ],
    expect: 'STATE_INVALID',
  },

  // ---- billing ----
  {
    name: 'paying a paid bill',
    who: 'tA1',
    call: ['billing', 'createPayment', (i) => ({ billIds: [i.billPaid], clientRequestId: 'state-pay-0001' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'paying a bill already in an open order',
    who: 'tA1',
    call: ['billing', 'createPayment', (i) => ({ billIds: [i.billOpen], clientRequestId: 'state-pay-0002' })],
    expect: 'CONFLICT',
  },
  {
    name: 'confirming a paid order again',
    who: 'tA1',
    call: ['billing', 'sandboxPay', (i) => ({ orderId: i.orderPaid })],
    expect: 'replay',
  },
  {
    name: 'an offline payment above what is owed',
    who: 'mA',
    call: [
      'billing',
      'recordEntry',
      (i) => ({
        billId: i.billOpen,
        kind: 'payment',
        amountFen: 50_001,
        reason: '现金',
        clientRequestId: 'state-entry-01',
      }),
    ],
    expect: 'RULE_VIOLATION',
  },
  {
    name: 'a refund above what was paid',
    who: 'mA',
    call: [
      'billing',
      'recordEntry',
      (i) => ({
        billId: i.billOpen,
        kind: 'refund',
        amountFen: 100,
        reason: '退款',
        clientRequestId: 'state-entry-02',
      }),
    ],
    expect: 'RULE_VIOLATION',
  },
  {
    name: 'a waiver of a paid bill',
    who: 'mA',
    call: [
      'billing',
      'recordEntry',
      (i) => ({
        billId: i.billPaid,
        kind: 'waiver',
        amountFen: 100,
        reason: '减免',
        clientRequestId: 'state-entry-03',
      }),
    ],
    expect: 'RULE_VIOLATION',
  },
  {
    name: 'an adjustment that leaves less than nothing owed',
    who: 'mA',
    call: [
      'billing',
      'recordEntry',
      (i) => ({
        billId: i.billOpen,
        kind: 'adjustment',
        amountFen: -50_001,
        reason: '调整',
        clientRequestId: 'state-entry-04',
      }),
    ],
    expect: 'RULE_VIOLATION',
  },

  // ---- allocation ----
  {
    name: 'selecting before one’s window opens',
    who: 'apWait',
    call: ['allocation', 'selectUnit', (i) => ({ roundId: i.roundId, unitId: i.freeUnitId })],
    expect: 'RULE_VIOLATION',
  },
  {
    name: 'selecting a unit of another project in one’s window',
    who: 'apWait',
    now: at(45 * 60_000),
    call: ['allocation', 'selectUnit', (i) => ({ roundId: i.roundId, unitId: 'p-b-b1-302' })],
    expect: 'RULE_VIOLATION',
  },
  {
    name: 'selecting a second unit',
    who: 'apSel',
    call: ['allocation', 'selectUnit', (i) => ({ roundId: i.roundId, unitId: i.freeUnitId })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'selecting the same unit again (a retry)',
    who: 'apSel',
    call: ['allocation', 'selectUnit', (i) => ({ roundId: i.roundId, unitId: i.selectedUnitId })],
    expect: 'replay',
  },
  {
    name: 'waiving after selecting',
    who: 'apSel',
    call: ['allocation', 'waive', (i) => ({ roundId: i.roundId })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'registering once registration has closed',
    who: 'tA2',
    call: ['allocation', 'register', (i) => ({ roundId: i.roundId })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'registering again (a retry)',
    who: 'ap0',
    call: ['allocation', 'register', (i) => ({ roundId: i.roundId })],
    expect: 'replay',
  },
  {
    name: 'closing registration twice',
    who: 'admin',
    call: ['allocation', 'closeRegistration', (i) => ({ roundId: i.roundId })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'drawing again once selection has opened',
    who: 'admin',
    call: [
      'allocation',
      'runLottery',
      (i) => ({ roundId: i.roundId, seed: 'reliability-seed-2026-q4-alpha', rerunReason: '重抽' }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'opening selection twice',
    who: 'admin',
    call: [
      'allocation',
      'openSelection',
      (i) => ({ roundId: i.roundId, startsAt: '2026-11-23T09:00:00+08:00' }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'objecting while the results are not on notice',
    who: 'tA1',
    call: ['allocation', 'fileObjection', (i) => ({ roundId: i.roundId, text: '有异议' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'opening a contract with no unit selected',
    who: 'apWait',
    call: ['allocation', 'getContract', (i) => ({ registrationId: i.regWait })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'signing a text other than the one shown',
    setup: noticeOver,
    who: 'apSel',
    call: [
      'allocation',
      'signContract',
      (i) => ({ registrationId: i.regSel, signatureFileId: i.up.signature, textSha256: 'b'.repeat(64) }),
    ],
    expect: 'CONFLICT',
  },
  {
    name: 'signing twice (with another signature)',
    setup: async (s) => {
      await noticeOver(s);
      await must(
        s.call('apSel', 'allocation', 'signContract', {
          registrationId: s.ids.regSel,
          signatureFileId: await uploadAs(
            s.host,
            s.openid('apSel') as string,
            'signature',
            makeSignaturePng(64, 32, 5),
          ),
          textSha256: s.ids.textSha256,
        }),
        'sign',
      );
    },
    who: 'apSel',
    call: [
      'allocation',
      'signContract',
      (i) => ({ registrationId: i.regSel, signatureFileId: i.up.signature, textSha256: i.textSha256 }),
    ],
    expect: 'replay',
  },
  {
    name: 'applying to renew after the due date (Ulanqab Art.21: 3 months before the term ends)',
    setup: async (s) => {
      // The lease now ends 2027-01-31, so the application was due by 2026-10-31.
      await s.db.collection(COLLECTIONS.leases).doc(s.ids.leaseA1).update({ endDate: '2027-01-31' });
    },
    who: 'tA1',
    call: ['allocation', 'applyRenewal', (i) => ({ leaseId: i.leaseA1 })],
    expect: 'RULE_VIOLATION',
  },
  {
    name: 'offering a unit whose offer is still open',
    who: 'admin',
    call: ['allocation', 'offerVacancy', (i) => ({ unitId: i.offeredUnitId, acceptDays: 7 })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'offering an occupied unit',
    who: 'admin',
    call: ['allocation', 'offerVacancy', () => ({ unitId: 'p-a-b1-101', acceptDays: 7 })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'answering an offer after its deadline',
    who: 'apOffer',
    now: at(8 * DAY),
    call: ['allocation', 'respondOffer', (i) => ({ offerId: i.offerId, accept: true })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'answering an offer the other way after declining it',
    setup: async (s) => {
      await must(
        s.call('apOffer', 'allocation', 'respondOffer', { offerId: s.ids.offerId, accept: false }),
        'decline',
      );
    },
    who: 'apOffer',
    call: ['allocation', 'respondOffer', (i) => ({ offerId: i.offerId, accept: true })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'offering a unit when nobody is left on the waitlist (the last offer has expired)',
    setup: async (s) => {
      // 乙1栋-302 offered to each household the waitlist still offers to (a household already holding a
      // unit is skipped, 一户一套), each offer expiring before the next, until nobody is left.
      const waiting = (await s.db.collection(COLLECTIONS.households).where({ status: 'waitlisted' }).count())
        .total;
      let made = 0;
      for (let n = 0; n <= waiting; n++) {
        s.setNow(at(n * 2 * DAY));
        const answer = await s.call('admin', 'allocation', 'offerVacancy', {
          unitId: 'p-b-b1-302',
          acceptDays: 1,
        });
        if (!answer.ok) break;
        made++;
      }
      if (made === 0) throw new Error('setup: no offer could be made');
      lastOfferAt = at(made * 2 * DAY);
    },
    who: 'admin',
    now: () => lastOfferAt,
    call: ['allocation', 'offerVacancy', () => ({ unitId: 'p-b-b1-302', acceptDays: 1 })],
    expect: 'STATE_INVALID',
  },

  // ---- patrol ----
  {
    name: 'moving a route once its quarter is over',
    who: 'mA',
    now: new Date('2027-01-05T02:00:00Z'),
    call: ['patrol', 'moveRoute', (i) => ({ routeId: i.routeA, volunteerUserId: 'u-va2' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'logging a visit for a stop already visited',
    who: 'vA',
    call: [
      'patrol',
      'logVisit',
      (i) => ({
        clientLogId: 'state-log-0001',
        visitId: i.visitDone,
        outcome: 'visited',
        visitedAt: START.toISOString(),
        checklist: fullChecklist(),
        notes: '',
        photos: [i.up.visitPhoto],
      }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'a visit log replayed with other content',
    who: 'vA',
    call: [
      'patrol',
      'logVisit',
      (i) => ({
        clientLogId: 'setup-log-0001',
        visitId: i.visitDone,
        outcome: 'visited',
        visitedAt: START.toISOString(),
        checklist: fullChecklist(),
        notes: '另一条内容',
        photos: [i.up.visitPhoto],
      }),
    ],
    expect: 'CONFLICT',
  },
  {
    name: 'a hazard report replayed with other content',
    who: 'vA',
    call: [
      'patrol',
      'reportHazard',
      (i) => ({
        clientHazardId: 'setup-hazard-0001',
        visitId: i.visitToDo,
        location: '厨房',
        category: 'gas',
        severity: 'immediate',
        description: '另一条内容',
        reportedAt: START.toISOString(),
        photos: [i.up.hazardPhoto],
      }),
    ],
    expect: 'CONFLICT',
  },
  {
    name: 'rectifying a closed hazard',
    who: 'wA',
    call: [
      'patrol',
      'rectifyHazard',
      (i) => ({ hazardId: i.hz.closed, note: '再次整改', afterPhotos: [i.up.hazardAfter] }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'rectifying a hazard twice',
    who: 'wA',
    call: [
      'patrol',
      'rectifyHazard',
      (i) => ({ hazardId: i.hz.rectified, note: '再次整改', afterPhotos: [i.up.hazardAfter] }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'rechecking a hazard nobody has rectified',
    who: 'mA',
    call: ['patrol', 'recheckHazard', (i) => ({ hazardId: i.hz.open, passed: true })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'assigning a closed hazard',
    who: 'mA',
    call: ['patrol', 'assignHazard', (i) => ({ hazardId: i.hz.closed, assigneeUserId: 'u-wa' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'a check-in for a resident taken off the list',
    who: 'vA',
    call: [
      'patrol',
      'careCheckIn',
      (i) => ({
        clientCheckinId: 'state-care-0001',
        careId: i.careOff,
        outcome: 'well',
        channel: 'phone',
        at: START.toISOString(),
        note: '',
      }),
    ],
    expect: 'STATE_INVALID',
  },
  {
    name: 'a check-in replayed with other content',
    setup: async (s) => {
      await must(
        s.call('vA', 'patrol', 'careCheckIn', {
          clientCheckinId: 'state-care-0002',
          careId: s.ids.careA,
          outcome: 'well',
          channel: 'visit',
          at: START.toISOString(),
          note: '',
        }),
        'check-in',
      );
    },
    who: 'vA',
    call: [
      'patrol',
      'careCheckIn',
      (i) => ({
        clientCheckinId: 'state-care-0002',
        careId: i.careA,
        outcome: 'not_reached',
        channel: 'visit',
        at: START.toISOString(),
        note: '',
      }),
    ],
    expect: 'CONFLICT',
  },

  // ---- account ----
  {
    name: 'a re-review of an application that was not refused',
    who: 'ap0',
    call: ['account', 'requestReReview', () => ({ reason: '请复核' })],
    expect: 'STATE_INVALID',
  },
  {
    name: 'a re-review asked for twice',
    setup: async (s) => {
      await must(s.call('ap1', 'account', 'requestReReview', { reason: '收入核算有误' }), 're-review');
    },
    who: 'ap1',
    call: ['account', 'requestReReview', () => ({ reason: '再次申请' })],
    expect: 'replay',
  },
];

describe('a call refused for its state writes nothing', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await buildScenario();
  }, 60_000);
  afterAll(() => s.close());

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    s.setNow(START);
    if (c.setup) await c.setup(s);
    s.setNow(typeof c.now === 'function' ? c.now() : (c.now ?? START));
    const before = await s.snapshot();
    const [fn, action, input] = c.call;
    const answer = await s.call(c.who, fn, action, input(s.ids));
    const changes = diff(before, await s.snapshot());
    s.setNow(START);
    const code = answer.ok ? 'ok' : answer.error.code;
    expect({ code, changes }).toEqual({ code: c.expect === 'replay' ? code : c.expect, changes: '' });
  });
});
