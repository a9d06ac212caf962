import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import type { Envelope } from '@shared/errors';
import { commitSeed } from '@shared/rules/lottery.rule';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import type { UploadPurpose } from '@shared/uploads';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import type { UserDoc } from '../../cloudfunctions/_runtime/caller';
import type { DatabasePort } from '../../cloudfunctions/_runtime/db';
import { idFromClient } from '../../cloudfunctions/_runtime/ids';
import type { PatrolVisitDoc } from '../../cloudfunctions/patrol/patrol.documents';
import { addEligibleApplicants } from '../factories/applicant.factory';
import {
  makeApplication,
  makeBill,
  makeBuilding,
  makeHousehold,
  makeLease,
  makeProject,
  makeUnit,
} from '../factories/housing.factory';
import { makeSignaturePng } from '../factories/png.factory';
import { plantUpload, readTempUrl, uploadAs } from '../factories/upload.factory';
import { createRng } from '../factories/rng';

/**
 * The reliability scenario: two projects (甲苑 p-a, 乙苑 p-b), two tenant households in each, a manager, a
 * worker and a volunteer per project, the housing office, three waitlisted applicants, and one object of
 * every kind belonging to project A or its first household (tA1): a round in selection with a selected
 * unit and a drafted contract, a lease, an open and a paid bill with their orders, repairs in every state,
 * the quarter's patrol with a to-visit stop and a logged one, hazards in every state, a special-care entry
 * and a vacated-unit offer. Built from the factories, then moved into state through the functions
 * themselves, on an in-memory host with a fixed clock.
 */
export const START = new Date('2026-11-22T02:00:00Z'); // Sunday 10:00 in Wuchang, 2026-Q4
export const SEED = 'reliability-seed-2026-q4-alpha';
/** Photos as the phone uploads them (shared/uploads.ts): small real PNGs. */
export const photoPng = makeSignaturePng(40, 40, 7);
export const otherPhotoPng = makeSignaturePng(40, 40, 11);
const notImage = Buffer.alloc(300, 7);
const hugeJpeg = (() => {
  const b = Buffer.alloc(2 * 1024 * 1024 + 10, 0xff);
  b[1] = 0xd8;
  return b;
})();
/** A one-row unit sheet with the import's header (allocation importUnits). */
export const UNIT_SHEET_CSV = '楼栋,房号,楼层,面积,户型,朝向,市场租金\n甲1栋,401,4,45,两室一厅,南,1200\n';
export const fullChecklist = () => HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, result: 'ok', note: '' }));

/** Who calls: the people of the scenario by key, `anonymous` with no OPENID, `stranger` with no user record. */
export const PEOPLE = {
  tA1: 'o-tenant-a1',
  tA2: 'o-tenant-a2',
  tB1: 'o-tenant-b1',
  tB2: 'o-tenant-b2',
  mA: 'o-manager-a',
  mB: 'o-manager-b',
  wA: 'o-worker-a',
  wB: 'o-worker-b',
  vA: 'o-volunteer-a',
  vB: 'o-volunteer-b',
  admin: 'o-admin',
  // The three reviewers of 三审三公示 (application.rule.ts).
  rvC: 'o-reviewer-community',
  rvD: 'o-reviewer-district',
  rvH: 'o-reviewer-housing',
  // A checker of civil affairs in the parallel review (惠州 链接2(3)), with their own account.
  dpC: 'o-department-civil',
  ap0: 'ap-openid-0',
  ap1: 'ap-openid-1',
  ap2: 'ap-openid-2',
  stranger: 'o-stranger-without-user',
  anonymous: null,
} as const;
export type Person = keyof typeof PEOPLE;
/** People decided while building (who drew which turn, who was offered the unit). */
export type Who = Person | 'apSel' | 'apWait' | 'apOffer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = Envelope<any>;

export interface Ids {
  roundId: string;
  regSel: string;
  regWait: string;
  contractId: string;
  textSha256: string;
  selectedUnitId: string;
  freeUnitId: string;
  offerId: string;
  offeredUnitId: string;
  /** A pending objection about the waiting household's registration (the office resolves it). */
  objectionId: string;
  orderOpen: string;
  orderPaid: string;
  /** A WeChat Pay refund of part of October's payment (processing). */
  refundA1: string;
  billOpen: string;
  billPaid: string;
  leaseA1: string;
  rep: { submitted: string; assigned: string; inProgress: string; done: string };
  visitToDo: string;
  visitDone: string;
  routeA: string;
  logId: string;
  hz: { open: string; assigned: string; rectified: string; closed: string };
  careA: string;
  careOff: string;
  /**
   * Files already uploaded to their owner's `uploads/<openid>/<purpose>/` for the rows and the bad-input
   * cases (a refused call leaves them where they are): good ones for each action that takes files, and
   * bad ones (not an image, too large, someone else's, another purpose) for the checks.
   */
  up: Record<UploadKey, string>;
  /** A message in tA1's inbox (a repair update). */
  messageA1: string;
  /** An urgent alert of 甲苑 (its manager told). */
  alertA: string;
  /** People (issue #17): an open invitation of the office, a volunteer whose role can be revoked, A1's family member. */
  invitationId: string;
  invitationCode: string;
  spareVolunteerId: string;
  memberA1Id: string;
  /** An exit case of A1's lease, notified (the household may make its statement). */
  exitCaseA1: string;
  /** A1's renewal application, approved: its contract waits for A1's signature. */
  renewalA1: string;
  renewalContractA1: string;
  renewalTextSha256: string;
  /** A correction request of tA1 (the office resolves it). */
  correctionA1: string;
}

export type UploadKey =
  | 'repairPhoto'
  | 'repairAfter'
  | 'visitPhoto'
  | 'hazardPhoto'
  | 'hazardAfter'
  | 'signature'
  | 'sheet'
  | 'notImageRepair'
  | 'hugeRepair'
  | 'notImageRepairAfter'
  | 'notImageVisit'
  | 'notImageHazard'
  | 'notImageHazardAfter'
  | 'notPngSignature'
  | 'badHeaderSheet'
  | 'notXlsxSheet'
  | 'othersRepairPhoto'
  | 'wrongPurposeRepairPhoto'
  | 'exitPhoto'
  | 'signatureA1';

export interface Scenario {
  host: LocalHost;
  db: DatabasePort;
  ids: Ids;
  /** The one whose objects they are (ids, names): must never show in anyone else's answer. */
  privateMarkers: string[];
  setNow(d: Date): void;
  openid(who: Who): string | null;
  call(who: Who, fn: string, action: string, input?: object): Promise<Answer>;
  /** Every collection (every document, in id order) and every stored file (SHA-256). */
  snapshot(): Promise<Snapshot>;
  close(): void;
}

export type Snapshot = Map<string, string>;

const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

async function put(db: DatabasePort, collection: string, doc: { _id: string }) {
  const { _id, ...body } = doc;
  await db.collection(collection).doc(_id).set(body);
}

function user(
  _id: string,
  openid: string,
  name: string,
  roles: UserDoc['roles'],
  extra: Partial<UserDoc> = {},
): UserDoc {
  return { _id, openid, name, roles, createdAt: '2026-01-01T00:00:00.000Z', ...extra };
}

function ok(answer: Answer, what: string) {
  if (!answer.ok) throw new Error(`scenario: ${what} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

export async function buildScenario(): Promise<Scenario> {
  let now = START;
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'anju-reliability-'));
  const host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now, filesDir });
  const db = host.runtime.db;
  const rng = createRng(20261122);
  const decided: Partial<Record<Who, string>> = {};
  const openid = (who: Who): string | null =>
    who in PEOPLE ? PEOPLE[who as Person] : (decided[who] ?? null);
  const call = (who: Who, fn: string, action: string, input: object = {}) =>
    host.invoke(fn, { action, ...input }, { openid: openid(who) }) as Promise<Answer>;
  const up = (who: Who, purpose: UploadPurpose, bytes: Uint8Array, ext?: string) =>
    uploadAs(host, openid(who) as string, purpose, bytes, ext);

  // ---- the district, from the factories ----
  const headNames: Record<string, string> = {
    'h-a1': '欧阳甲一',
    'h-a2': '司马甲二',
    'h-b1': '上官乙一',
    'h-b2': '诸葛乙二',
  };
  for (const [p, name, mark] of [
    ['p-a', '甲苑', 'a'],
    ['p-b', '乙苑', 'b'],
  ] as const) {
    await put(db, COLLECTIONS.projects, makeProject({ _id: p, name }));
    const buildingId = `${p}-b1`;
    const bName = `${mark === 'a' ? '甲' : '乙'}1栋`;
    await put(
      db,
      COLLECTIONS.buildings,
      makeBuilding({ _id: buildingId, projectId: p, name: bName, floors: 6 }),
    );
    for (let f = 1; f <= 3; f++) {
      for (let r = 1; r <= 2; r++) {
        const room = `${f}0${r}`;
        const n = (f - 1) * 2 + r; // units 1 and 2 are let to the project's two households
        await put(
          db,
          COLLECTIONS.units,
          makeUnit(rng, {
            _id: `${buildingId}-${room}`,
            projectId: p,
            buildingId,
            floor: f,
            label: `${bName}-${room}`,
            status: n <= 2 ? 'occupied' : 'vacant',
          }),
        );
        if (n > 2) continue;
        const householdId = `h-${mark}${n}`;
        await put(
          db,
          COLLECTIONS.households,
          makeHousehold(rng, {
            _id: householdId,
            headName: headNames[householdId],
            status: 'tenant',
            category: 'low_income',
          }),
        );
        const leaseId = `l-${mark}${n}`;
        await put(
          db,
          COLLECTIONS.leases,
          makeLease({
            _id: leaseId,
            householdId,
            unitId: `${buildingId}-${room}`,
            projectId: p,
            monthlyRentFen: 50_000,
            endDate: '2029-12-31',
          }),
        );
        for (const period of ['2026-10', '2026-11']) {
          await put(
            db,
            COLLECTIONS.bills,
            makeBill({
              _id: `bill-${leaseId}-${period}`,
              leaseId,
              householdId,
              projectId: p,
              buildingId,
              unitId: `${buildingId}-${room}`,
              period,
              amountFen: 50_000,
            }),
          );
        }
      }
    }
  }
  const staff = (mark: 'a' | 'b', projectId: string) => [
    user(`u-m${mark}`, PEOPLE[`m${mark.toUpperCase()}` as Person] as string, `管家${mark}`, ['manager'], {
      projectIds: [projectId],
    }),
    user(`u-w${mark}`, PEOPLE[`w${mark.toUpperCase()}` as Person] as string, `师傅${mark}`, ['worker'], {
      projectIds: [projectId],
    }),
    user(`u-v${mark}`, PEOPLE[`v${mark.toUpperCase()}` as Person] as string, `志愿者${mark}`, ['volunteer'], {
      projectIds: [projectId],
    }),
    user(`u-t${mark}1`, PEOPLE[`t${mark.toUpperCase()}1` as Person] as string, `租户${mark}1`, ['tenant'], {
      householdId: `h-${mark}1`,
    }),
    user(`u-t${mark}2`, PEOPLE[`t${mark.toUpperCase()}2` as Person] as string, `租户${mark}2`, ['tenant'], {
      householdId: `h-${mark}2`,
    }),
  ];
  for (const u of [
    ...staff('a', 'p-a'),
    ...staff('b', 'p-b'),
    user('u-admin', PEOPLE.admin, '住房办', ['admin']),
    user('u-rvc', PEOPLE.rvC, '社区审核', ['community_reviewer']),
    user('u-rvd', PEOPLE.rvD, '区级审核', ['street_reviewer']),
    user('u-rvh', PEOPLE.rvH, '住房保障部门终审', ['housing_reviewer']),
    user('u-dpc', PEOPLE.dpC, '民政核查', ['department_reviewer'], { department: 'civil_affairs' }),
  ])
    await put(db, COLLECTIONS.users, u);
  const applicants = await addEligibleApplicants(db, 3, 'ap');
  // ap0's application is under review; ap1's was refused (复核) in the final review, after the departments
  // had their tasks (civil affairs never answered; the refusal closed its task).
  await put(
    db,
    COLLECTIONS.applications,
    makeApplication({ _id: 'app-ap0', householdId: 'ap-h0', projectId: 'p-a', status: 'initial_review' }),
  );
  await put(
    db,
    COLLECTIONS.applications,
    makeApplication({
      _id: 'app-ap1',
      householdId: 'ap-h1',
      projectId: 'p-a',
      status: 'rejected',
      departments: (['civil_affairs', 'public_security', 'real_estate', 'social_security'] as const).map(
        (department) => ({
          department,
          deadline: { startOn: '2026-11-02', workingDays: 7, dueOn: '2026-11-11', provisional: false },
          answeredAt: department === 'civil_affairs' ? null : '2026-11-05T02:00:00.000Z',
          result: department === 'civil_affairs' ? null : ('clear' as const),
          note: '',
        }),
      ),
    }),
  );
  // ap2's is in the community review's notice, with one objection waiting for a written answer.
  await put(
    db,
    COLLECTIONS.applications,
    makeApplication({
      _id: 'app-ap2',
      householdId: 'ap-h2',
      projectId: 'p-a',
      status: 'initial_notice',
      notice: { state: 'initial_notice', startsOn: '2026-11-20', endsOn: '2026-11-30' },
      objections: [
        {
          id: 'ro-scenario',
          state: 'initial_notice',
          text: '该户另有住房',
          at: '2026-11-21T02:00:00.000Z',
          byUserId: 'u-ta2',
          status: 'pending',
          answer: null,
          answeredAt: null,
          answeredBy: null,
          upheld: null,
        },
      ],
    }),
  );

  // ---- allocation: a round of 甲苑 in selection; the first turn has selected a unit and opened the contract ----
  const round = ok(
    await call('admin', 'allocation', 'createRound', {
      projectId: 'p-a',
      title: '甲苑2026年第四季度配租',
      description: '甲苑空置公租房配租',
      registrationOpensAt: iso(START.getTime() - 24 * H),
      registrationClosesAt: iso(START.getTime() + 24 * H),
      eligibleCategories: ['dibao', 'low_income'],
      seedCommitment: commitSeed(SEED),
    }),
    'createRound',
  );
  const roundId = round.id as string;
  for (const who of ['ap0', 'ap1', 'ap2'] as const)
    ok(await call(who, 'allocation', 'register', { roundId }), `register ${who}`);
  ok(await call('admin', 'allocation', 'closeRegistration', { roundId }), 'closeRegistration');
  ok(await call('admin', 'allocation', 'runLottery', { roundId, seed: SEED }), 'runLottery');
  ok(
    await call('admin', 'allocation', 'openSelection', {
      roundId,
      startsAt: iso(START.getTime() - H / 2),
      windowMinutes: 60,
    }),
    'openSelection',
  );
  const turns = new Map<number, { who: Person; regId: string }>();
  for (const who of ['ap0', 'ap1', 'ap2'] as const) {
    const [reg] = ok(await call(who, 'allocation', 'myRegistrations'), 'myRegistrations');
    turns.set(reg.window.turn, { who, regId: reg.id });
  }
  const sel = turns.get(1)!;
  const wait = turns.get(2)!;
  decided.apSel = PEOPLE[sel.who] as string;
  decided.apWait = PEOPLE[wait.who] as string;
  const units = ok(await call('apSel', 'allocation', 'availableUnits', { roundId }), 'availableUnits');
  const selectedUnitId = units[0].id as string;
  const freeUnitId = units[1].id as string;
  ok(await call('apSel', 'allocation', 'selectUnit', { roundId, unitId: selectedUnitId }), 'selectUnit');
  const contract = ok(
    await call('apSel', 'allocation', 'getContract', { registrationId: sel.regId }),
    'getContract',
  );
  // An objection someone filed about the waiting household, still pending (written directly: the round's
  // results are not on notice in this scenario).
  const objectionId = 'obj-scenario';
  await db
    .collection(COLLECTIONS.objections)
    .doc(objectionId)
    .set({
      roundId,
      registrationId: wait.regId,
      userId: 'u-ta1',
      name: '异议人',
      text: '对该户的资格有异议',
      at: iso(START.getTime() - H),
      status: 'pending',
      resolution: null,
      resolvedAt: null,
    });

  // ---- a vacated unit of 乙苑 offered to the first household on the waitlist ----
  const offer = ok(
    await call('admin', 'allocation', 'offerVacancy', { unitId: 'p-b-b1-301', acceptDays: 7 }),
    'offerVacancy',
  );
  const offerDoc = (await db.collection(COLLECTIONS.offers).doc(offer.id).get()).data[0] as {
    householdId: string;
  };
  decided.apOffer = applicants.find((a) => a.householdId === offerDoc.householdId)?.openid;

  // ---- billing: October paid through the sandbox, November with an open order ----
  const paid = ok(
    await call('tA1', 'billing', 'createPayment', {
      billIds: ['bill-l-a1-2026-10'],
      clientRequestId: 'setup-pay-october',
    }),
    'createPayment (October)',
  );
  ok(await call('tA1', 'billing', 'sandboxPay', { orderId: paid.orderId }), 'sandboxPay');
  // A refund of part of October's payment, accepted by the sandbox and still processing.
  const refundA1 = ok(
    await call('mA', 'billing', 'refund', {
      orderId: paid.orderId,
      billId: 'bill-l-a1-2026-10',
      amountFen: 100,
      kind: 'overpayment',
      sourceRef: 'setup-refund-october',
    }),
    'refund (October)',
  );
  const open = ok(
    await call('tA1', 'billing', 'createPayment', {
      billIds: ['bill-l-a1-2026-11'],
      clientRequestId: 'setup-pay-november',
    }),
    'createPayment (November)',
  );

  // ---- repairs of tA1 in every state ----
  const file = async (n: number, photos: Buffer[]) =>
    ok(
      await call('tA1', 'repair', 'file', {
        kind: 'repair',
        category: 'water',
        description: `卫生间漏水 ${n}`,
        emergency: false,
        preferredTimes: '工作日晚上',
        photos: await Promise.all(photos.map((p) => up('tA1', 'repair-photo', p))),
        clientRequestId: `setup-repair-000${n}`,
      }),
      `file repair ${n}`,
    ).id as string;
  const rep = {
    submitted: await file(1, [photoPng]),
    assigned: await file(2, []),
    inProgress: await file(3, []),
    done: await file(4, []),
  };
  for (const id of [rep.assigned, rep.inProgress, rep.done])
    ok(
      await call('mA', 'repair', 'assign', {
        repairId: id,
        workerUserId: 'u-wa',
        visitAt: '2026-11-23T10:00:00+08:00',
      }),
      'assign repair',
    );
  for (const id of [rep.inProgress, rep.done])
    ok(await call('wA', 'repair', 'start', { repairId: id }), 'start repair');
  ok(
    await call('wA', 'repair', 'complete', {
      repairId: rep.done,
      note: '已更换水管',
      afterPhotos: [await up('wA', 'repair-photo', photoPng)],
    }),
    'complete repair',
  );

  // ---- the quarter's patrol; one stop of 甲苑 logged, hazards in every state ----
  ok(await call('admin', 'patrol', 'generatePlan', { quarter: '2026-Q4' }), 'generatePlan');
  const stops = (await db.collection(COLLECTIONS.patrolStops).where({ projectId: 'p-a' }).get())
    .data as PatrolVisitDoc[];
  const homes = stops.filter((v) => v.target === 'unit').sort((a, b) => (a._id < b._id ? -1 : 1));
  const visitToDo = homes[0]!;
  const visitDone = homes[1]!;
  const logged = ok(
    await call('vA', 'patrol', 'logVisit', {
      clientLogId: 'setup-log-0001',
      visitId: visitDone._id,
      outcome: 'visited',
      visitedAt: iso(START.getTime() - H),
      checklist: fullChecklist(),
      notes: '',
      photos: [await up('vA', 'visit-photo', photoPng)],
    }),
    'logVisit',
  );
  const hazard = async (n: number) =>
    ok(
      await call('vA', 'patrol', 'reportHazard', {
        clientHazardId: `setup-hazard-000${n}`,
        visitId: visitToDo._id,
        location: '厨房',
        category: 'gas',
        severity: 'serious',
        description: `燃气软管老化 ${n}`,
        reportedAt: iso(START.getTime() - H),
        photos: [await up('vA', 'hazard-photo', photoPng)],
      }),
      `reportHazard ${n}`,
    ).id as string;
  const hz = {
    open: await hazard(1),
    assigned: await hazard(2),
    rectified: await hazard(3),
    closed: await hazard(4),
  };
  for (const id of [hz.assigned, hz.rectified, hz.closed])
    ok(await call('mA', 'patrol', 'assignHazard', { hazardId: id, assigneeUserId: 'u-wa' }), 'assignHazard');
  for (const id of [hz.rectified, hz.closed])
    ok(
      await call('wA', 'patrol', 'rectifyHazard', {
        hazardId: id,
        note: '已更换软管',
        afterPhotos: [await up('wA', 'hazard-photo', photoPng)],
      }),
      'rectifyHazard',
    );
  ok(await call('mA', 'patrol', 'recheckHazard', { hazardId: hz.closed, passed: true }), 'recheckHazard');

  // A second volunteer of 甲苑 joins after the plan was made (a route can be moved to them).
  await put(
    db,
    COLLECTIONS.users,
    user('u-va2', 'o-volunteer-a2', '志愿者a2', ['volunteer'], { projectIds: ['p-a'] }),
  );

  // ---- special care: tA1's household on the list with vA; tA2's taken off it ----
  const care = async (householdId: string, active: boolean) =>
    ok(
      await call('mA', 'patrol', 'careUpsert', {
        householdId,
        personName: headNames[householdId],
        reason: '独居老人',
        contacts: [{ name: '联系人', relation: '子女', phone: '13800000000' }],
        volunteerUserId: 'u-va',
        active,
      }),
      'careUpsert',
    ).id as string;
  const careA = await care('h-a1', true);
  const careOff = await care('h-a2', false);

  // ---- messages: tA1's repair updates are in their inbox; an urgent alert of 甲苑 reached its manager ----
  const alertA = (
    await host.runtime.messages.alert({
      key: 'scenario-alert-a',
      kind: 'hazard_urgent',
      projectId: 'p-a',
      title: '立即危险：请马上处置',
      body: '甲苑 厨房：燃气泄漏',
      fields: { place: '甲苑 厨房', what: '燃气泄漏' },
      link: { page: 'hazards', id: hz.open },
    })
  ).alertId;
  const messageA1 = (
    (await db.collection(COLLECTIONS.outbox).where({ toUserId: 'u-ta1' }).limit(1).get()).data[0] as {
      _id: string;
    }
  )._id;
  // ---- people: an open invitation of the office, a spare volunteer of 甲苑, a family member of A1 ----
  const invitation = ok(
    await call('admin', 'account', 'createInvitation', {
      role: 'volunteer',
      projectIds: ['p-a'],
      note: '',
      validDays: 7,
      clientRequestId: 'scenario-invitation',
    }),
    'createInvitation',
  ) as { id: string; code: string };
  await put(
    db,
    COLLECTIONS.users,
    user('u-vol-spare', 'o-volunteer-spare', '志愿者备', ['volunteer'], { projectIds: ['p-a'] }),
  );
  await put(
    db,
    COLLECTIONS.users,
    user('u-a1-member', 'o-member-a1', '家属甲一', ['tenant'], {
      householdId: 'h-a1',
      householdRelation: 'member',
    }),
  );

  ok(
    await call('tA1', 'account', 'requestCorrection', {
      field: 'phone',
      text: '登记的手机号已停用',
      clientRequestId: 'scenario-correction',
    }),
    'requestCorrection',
  );
  const correctionA1 = idFromClient('corr', 'u-ta1', 'scenario-correction');

  const exitCase = ok(
    await call('admin', 'allocation', 'openExitCase', {
      leaseId: 'l-a1',
      trigger: 'sublet_or_change_of_use',
      source: 'patrol',
      evidence: '巡查发现该户将住房转租他人',
      clientRequestId: 'scenario-exit-a1',
    }),
    'openExitCase',
  ) as { id: string };
  ok(await call('admin', 'allocation', 'exitNotify', { caseId: exitCase.id, respondDays: 15 }), 'exitNotify');

  const renewal = ok(
    await call('tA1', 'allocation', 'applyRenewal', { leaseId: 'l-a1' }),
    'applyRenewal',
  ) as { id: string };
  const approved = ok(
    await call('admin', 'allocation', 'decideRenewal', { renewalId: renewal.id, approve: true }),
    'decideRenewal',
  ) as { contractId: string };
  const renewalContract = ok(
    await call('tA1', 'allocation', 'getLeaseContract', { contractId: approved.contractId }),
    'getLeaseContract',
  ) as { textSha256: string };

  const ids: Ids = {
    exitCaseA1: exitCase.id,
    renewalA1: renewal.id,
    renewalContractA1: approved.contractId,
    renewalTextSha256: renewalContract.textSha256,
    correctionA1,
    invitationId: invitation.id,
    invitationCode: invitation.code,
    spareVolunteerId: 'u-vol-spare',
    memberA1Id: 'u-a1-member',
    roundId,
    regSel: sel.regId,
    regWait: wait.regId,
    contractId: contract.id,
    textSha256: contract.textSha256,
    selectedUnitId,
    freeUnitId,
    offerId: offer.id,
    offeredUnitId: 'p-b-b1-301',
    objectionId,
    orderOpen: open.orderId,
    orderPaid: paid.orderId,
    refundA1: refundA1.refundNo,
    billOpen: 'bill-l-a1-2026-11',
    billPaid: 'bill-l-a1-2026-10',
    leaseA1: 'l-a1',
    rep,
    visitToDo: visitToDo._id,
    visitDone: visitDone._id,
    routeA: visitToDo.routeId,
    logId: logged.log.id,
    hz,
    careA,
    careOff,
    up: {
      repairPhoto: await up('tA1', 'repair-photo', otherPhotoPng),
      repairAfter: await up('wA', 'repair-photo', otherPhotoPng),
      visitPhoto: await up('vA', 'visit-photo', otherPhotoPng),
      hazardPhoto: await up('vA', 'hazard-photo', otherPhotoPng),
      hazardAfter: await up('wA', 'hazard-photo', otherPhotoPng),
      signature: await up('apSel', 'signature', makeSignaturePng(64, 32, 3)),
      sheet: await up('admin', 'unit-sheet', Buffer.from(UNIT_SHEET_CSV, 'utf8'), 'csv'),
      notImageRepair: await up('tA1', 'repair-photo', notImage, 'jpg'),
      // Larger than the app allows: planted past the upload endpoint, as if the platform had let it through.
      hugeRepair: await plantUpload(host, openid('tA1') as string, 'repair-photo', hugeJpeg, 'jpg'),
      notImageRepairAfter: await up('wA', 'repair-photo', notImage, 'jpg'),
      notImageVisit: await up('vA', 'visit-photo', notImage, 'jpg'),
      notImageHazard: await up('vA', 'hazard-photo', notImage, 'jpg'),
      notImageHazardAfter: await up('wA', 'hazard-photo', notImage, 'jpg'),
      notPngSignature: await up('apSel', 'signature', notImage, 'png'),
      badHeaderSheet: await up('admin', 'unit-sheet', Buffer.from('building,room\n甲1栋,401\n'), 'csv'),
      notXlsxSheet: await up('admin', 'unit-sheet', notImage, 'xlsx'),
      othersRepairPhoto: await up('tA2', 'repair-photo', otherPhotoPng),
      wrongPurposeRepairPhoto: await up('tA1', 'hazard-photo', otherPhotoPng),
      exitPhoto: await up('admin', 'exit-photo', otherPhotoPng),
      signatureA1: await up('tA1', 'signature', makeSignaturePng(64, 32, 5)),
    },
    messageA1,
    alertA,
  };
  const privateMarkers = [
    ids.regSel,
    ids.contractId,
    ids.offerId,
    ids.orderOpen,
    ids.orderPaid,
    ids.refundA1,
    ids.billOpen,
    ids.billPaid,
    ids.leaseA1,
    ids.exitCaseA1,
    'h-a1',
    headNames['h-a1']!,
    ...Object.values(rep),
    ...Object.values(hz),
    ids.visitToDo,
    ids.visitDone,
    ids.routeA,
    ids.logId,
    ids.careA,
    ids.messageA1,
    ids.alertA,
  ];

  const fileSnapshot = (out: Snapshot) => {
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else
          out.set(
            `file ${path.relative(filesDir, full)}`,
            createHash('sha256').update(readFileSync(full)).digest('hex'),
          );
      }
    };
    walk(filesDir);
  };

  return {
    host,
    db,
    ids,
    privateMarkers,
    setNow: (d) => {
      now = d;
    },
    openid,
    call,
    async snapshot() {
      const out: Snapshot = new Map();
      for (const c of Object.values(COLLECTIONS)) {
        for (let skip = 0; ; skip += 1000) {
          const page = (await db.collection(c).where({}).orderBy('_id', 'asc').skip(skip).limit(1000).get())
            .data as { _id: string }[];
          for (const d of page) out.set(`${c}/${d._id}`, JSON.stringify(d));
          if (page.length < 1000) break;
        }
      }
      fileSnapshot(out);
      return out;
    },
    close() {
      host.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** What changed between two snapshots, one line per document or file ('' when nothing did). */
export function diff(before: Snapshot, after: Snapshot): string {
  const lines: string[] = [];
  for (const [k, v] of after) {
    if (!before.has(k)) lines.push(`added ${k}`);
    else if (before.get(k) !== v) lines.push(`changed ${k}`);
  }
  for (const k of before.keys()) if (!after.has(k)) lines.push(`removed ${k}`);
  return lines.join('\n');
}

/**
 * Everything an answer says, as text: its JSON, and the cells of any Excel file it points to (exports answer
 * a temporary address of the .xlsx in storage, cloudfunctions/_runtime/exports.ts), read through that
 * address as the phone would, so that a marker hidden in a spreadsheet is found too.
 */
export async function answerText(answer: Answer, host: LocalHost): Promise<string> {
  const parts = [JSON.stringify(answer)];
  const visit = async (v: unknown): Promise<void> => {
    if (!v || typeof v !== 'object') return;
    const { url, fileId } = v as { url?: unknown; fileId?: unknown };
    if (typeof url === 'string' && typeof fileId === 'string' && fileId.endsWith('.xlsx')) {
      const bytes = await readTempUrl(host, url);
      if (!bytes) throw new Error(`an exported file's address does not open: ${url}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text ?? '')))),
      );
    }
    for (const x of Object.values(v)) await visit(x);
  };
  await visit(answer);
  return parts.join('\n');
}
