import { COLLECTIONS } from '@shared/collections';
import { ULANQAB_PRESET } from '@shared/policy/presets/district.presets';
import { commitSeed } from '@shared/rules/lottery.rule';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { uploadAs } from '../../factories/upload.factory';
import type {
  HouseholdDoc,
  LeaseDoc,
  OfferDoc,
  RegistrationDoc,
  UnitDoc,
} from '../../../cloudfunctions/_runtime/documents';
import { addEligibleApplicants, type Applicant } from '../../factories/applicant.factory';
import { makeBuilding, makeLease, makeProject, makeUnit } from '../../factories/housing.factory';
import { makeSignaturePng } from '../../factories/png.factory';
import { createRng } from '../../factories/rng';

jest.setTimeout(60_000);

// The answers are read as loose JSON: the contracts are checked by the handler, the tests check values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; data?: any; error?: any };

const SEED = 'one-unit-round-seed-2026-ulanqab';
const ONE_UNIT = '一户只能承租一套公租房（乌兰察布办法 第十二条）。';
const DAY = 86_400_000;

/**
 * A small world on its own in-memory host under the Ulanqab measures: the housing office, projects with
 * one building of vacant units, eligible households on the waitlist, and the clock the functions read.
 */
interface World {
  host: LocalHost;
  clock: { now(): Date; advance(ms: number): void };
  call(openid: string, action: string, input?: object): Promise<Answer>;
  office(action: string, input?: object): Promise<Answer>;
  doc<T>(collection: string, id: string): Promise<T | undefined>;
  where<T>(collection: string, query: object): Promise<T[]>;
  close(): void;
}

async function openWorld(): Promise<World> {
  let now = new Date('2026-11-02T02:00:00Z');
  const host = await createLocalHost({
    dataFile: ':memory:',
    now: () => now,
    policy: ULANQAB_PRESET,
  });
  const db = host.runtime.db;
  await db
    .collection(COLLECTIONS.users)
    .doc('u-office')
    .set({
      openid: 'wx-office',
      name: '住房保障科',
      roles: ['admin'],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  const call = (openid: string, action: string, input: object = {}) =>
    host.invoke('allocation', { action, ...input }, { openid }) as Promise<Answer>;
  return {
    host,
    clock: { now: () => now, advance: (ms) => void (now = new Date(now.getTime() + ms)) },
    call,
    office: (action, input) => call('wx-office', action, input),
    doc: async <T>(collection: string, id: string) =>
      (await db.collection(collection).doc(id).get()).data[0] as T | undefined,
    where: async <T>(collection: string, query: object) =>
      (await db.collection(collection).where(query).limit(1000).get()).data as T[],
    close: () => host.close(),
  };
}

/** A project `id` named `name` with one building `3栋` and a vacant unit for each label (`3栋-<label>`). */
async function addProject(w: World, id: string, name: string, labels: string[]): Promise<string[]> {
  const rng = createRng(id.length * 31 + labels.length);
  const db = w.host.runtime.db;
  const { _id: _p, ...project } = makeProject({ _id: id, name });
  await db.collection(COLLECTIONS.projects).doc(id).set(project);
  const { _id: _b, ...building } = makeBuilding({ _id: `${id}-b3`, projectId: id, name: '3栋' });
  await db.collection(COLLECTIONS.buildings).doc(`${id}-b3`).set(building);
  const ids: string[] = [];
  for (const label of labels) {
    const { _id, ...unit } = makeUnit(rng, {
      _id: `${id}-${label}`,
      projectId: id,
      buildingId: `${id}-b3`,
      floor: Number(label.slice(0, -2)),
      label: `3栋-${label}`,
    });
    await db.collection(COLLECTIONS.units).doc(_id).set(unit);
    ids.push(_id);
  }
  return ids;
}

/** One eligible household on the waitlist, with its WeChat user. */
async function addHousehold(w: World, prefix: string, overrides: Partial<HouseholdDoc> = {}) {
  const [a] = await addEligibleApplicants(w.host.runtime.db, 1, prefix, overrides);
  return a as Applicant;
}

/**
 * A round of `projectId` announced now and taken through the allocation function's own actions: everyone in
 * `households` registers, registration closes, the draw, selection opens now with hour-long windows
 * (a single household has turn 1, open now); `publicized` also publishes the results for 7 days.
 */
async function addRound(
  w: World,
  spec: { projectId: string; title: string; households: Applicant[]; stage: 'selecting' | 'publicized' },
): Promise<string> {
  const now = w.clock.now().getTime();
  const created = await w.office('createRound', {
    projectId: spec.projectId,
    title: spec.title,
    description: '面向低保、低收入住房困难家庭。',
    registrationOpensAt: new Date(now - 3_600_000).toISOString(),
    registrationClosesAt: new Date(now + DAY).toISOString(),
    eligibleCategories: ['dibao', 'tekun', 'low_income'],
    seedCommitment: commitSeed(SEED),
  });
  if (!created.ok) throw new Error(`createRound: ${JSON.stringify(created.error)}`);
  const roundId = created.data.id as string;
  for (const h of spec.households) {
    const r = await w.call(h.openid, 'register', { roundId });
    if (!r.ok) throw new Error(`register: ${JSON.stringify(r.error)}`);
  }
  const steps: [string, object][] = [
    ['closeRegistration', {}],
    ['runLottery', { seed: SEED }],
    ['openSelection', { startsAt: w.clock.now().toISOString(), windowMinutes: 60 }],
  ];
  if (spec.stage === 'publicized') steps.push(['publishResults', { noticeDays: 7 }]);
  for (const [action, input] of steps) {
    const r = await w.office(action, { roundId, ...input });
    if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`);
  }
  return roundId;
}

const select = (w: World, h: Applicant, roundId: string, unitId: string) =>
  w.call(h.openid, 'selectUnit', { roundId, unitId });

/** The office offers a vacated unit to the waitlist; the offer and the household it went to. */
async function offer(w: World, unitId: string, acceptDays = 3): Promise<OfferDoc> {
  const r = await w.office('offerVacancy', { unitId, acceptDays });
  if (!r.ok) throw new Error(`offerVacancy: ${JSON.stringify(r.error)}`);
  return (await w.doc<OfferDoc>(COLLECTIONS.offers, r.data.id)) as OfferDoc;
}

const accept = (w: World, h: Applicant, offerId: string) =>
  w.call(h.openid, 'respondOffer', { offerId, accept: true });

/** Reads the drafted lease and signs exactly its text. */
async function sign(w: World, h: Applicant, roundId: string): Promise<Answer> {
  const registrationId = `${roundId}-${h.householdId}`;
  const drafted = await w.call(h.openid, 'getContract', { registrationId });
  if (!drafted.ok) return drafted;
  return w.call(h.openid, 'signContract', {
    registrationId,
    textSha256: drafted.data.textSha256,
    signatureFileId: await uploadAs(w.host, h.openid, 'signature', makeSignaturePng()),
  });
}

/** Past the 7-day results notice of a round published now: signing is open. */
const pastNotice = (w: World) => w.clock.advance(9 * DAY);

/** Everything the household holds: selected units awaiting signature, accepted offers, active leases. */
async function holdings(w: World, householdId: string) {
  const selected = await w.where<RegistrationDoc>(COLLECTIONS.registrations, {
    householdId,
    status: 'selected',
  });
  const accepted = await w.where<OfferDoc>(COLLECTIONS.offers, { householdId, status: 'accepted' });
  const leases = await w.where<LeaseDoc>(COLLECTIONS.leases, { householdId, status: 'active' });
  return [
    ...selected.map((r) => `selection:${r.unitId}`),
    ...accepted.map((o) => `offer:${o.unitId}`),
    ...leases.map((l) => `lease:${l.unitId}`),
  ];
}

const unitStatus = async (w: World, unitId: string) =>
  (await w.doc<UnitDoc>(COLLECTIONS.units, unitId))?.status;

const refusal = (r: Answer) => ({ ok: r.ok, code: r.error?.code, message: r.error?.message });

describe('one household, one unit (Ulanqab Art. 11, 12): at most one selected unit, reserved offer or lease', () => {
  let w: World;
  beforeEach(async () => {
    w = await openWorld();
  });
  afterEach(() => w.close());

  it('Ulanqab Art.12: selections in two rounds and an offer accepted at the same moment leave exactly one held unit', async () => {
    const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['501']);
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
    const h = await addHousehold(w, 'one');
    const roundA = await addRound(w, {
      projectId: 'p-hexie',
      title: '和谐新城 2026 年第四批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    const o = await offer(w, v1!);
    expect(o.householdId).toBe(h.householdId);

    const answers = await Promise.all([
      select(w, h, roundA, a1!),
      select(w, h, roundB, b1!),
      accept(w, h, o._id),
    ]);

    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    for (const r of answers.filter((x) => !x.ok)) {
      expect(refusal(r)).toMatchObject({ code: 'RULE_VIOLATION' });
      expect(r.error.message).toContain(ONE_UNIT);
    }
    expect(await holdings(w, h.householdId)).toHaveLength(1);
    const taken = [];
    for (const u of [a1!, b1!, v1!]) if ((await unitStatus(w, u)) !== 'vacant') taken.push(u);
    expect(taken).toHaveLength(1);
  });

  it('Ulanqab Art.12: signing one round’s lease while selecting in another and accepting an offer ends with the lease alone', async () => {
    const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['501']);
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
    const h = await addHousehold(w, 'one');
    const roundA = await addRound(w, {
      projectId: 'p-hexie',
      title: '和谐新城 2026 年第四批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    expect((await select(w, h, roundA, a1!)).ok).toBe(true);
    expect((await w.office('publishResults', { roundId: roundA, noticeDays: 7 })).ok).toBe(true);
    pastNotice(w);
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    // An open offer from before the rule (offers now pass over a household that holds a unit).
    await w.host.runtime.db
      .collection(COLLECTIONS.offers)
      .doc('offer-legacy')
      .set({
        unitId: v1!,
        projectId: 'p-huimin',
        householdId: h.householdId,
        status: 'offered',
        offeredAt: w.clock.now().toISOString(),
        deadline: new Date(w.clock.now().getTime() + 3 * DAY).toISOString(),
        position: 1,
        respondedAt: null,
      });

    const [signed, selectedB, accepted] = await Promise.all([
      sign(w, h, roundA),
      select(w, h, roundB, b1!),
      accept(w, h, 'offer-legacy'),
    ]);

    expect(signed.ok).toBe(true);
    expect(refusal(selectedB)).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect(refusal(accepted)).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect(await holdings(w, h.householdId)).toEqual([`lease:${a1}`]);
    expect(await unitStatus(w, b1!)).toBe('vacant');
    expect(await unitStatus(w, v1!)).toBe('vacant');
  });

  it('a unit selected in one round, awaiting signature: another round’s selection and an offer are refused, naming it', async () => {
    const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['502']);
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
    const h = await addHousehold(w, 'one');
    const roundA = await addRound(w, {
      projectId: 'p-hexie',
      title: '和谐新城 2026 年第四批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    const o = await offer(w, v1!);
    expect((await select(w, h, roundA, a1!)).ok).toBe(true);

    const held = `您家庭已在“和谐新城 2026 年第四批公租房配租”选定 3栋-502，待签约；${ONE_UNIT}`;
    expect(refusal(await select(w, h, roundB, b1!))).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: held,
    });
    expect(refusal(await accept(w, h, o._id))).toEqual({ ok: false, code: 'RULE_VIOLATION', message: held });
    // Refused calls change nothing.
    expect(await unitStatus(w, b1!)).toBe('vacant');
    expect(await unitStatus(w, v1!)).toBe('vacant');
    expect((await w.doc<OfferDoc>(COLLECTIONS.offers, o._id))?.status).toBe('offered');
    expect(
      (await w.doc<RegistrationDoc>(COLLECTIONS.registrations, `${roundB}-${h.householdId}`))?.status,
    ).toBe('ranked');
    // Selecting the same unit again is a retry, not a second unit.
    expect((await select(w, h, roundA, a1!)).ok).toBe(true);
    expect(await holdings(w, h.householdId)).toEqual([`selection:${a1}`]);
  });

  it('an accepted offer: selecting in a round is refused, naming the reserved unit', async () => {
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
    const h = await addHousehold(w, 'one');
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    const o = await offer(w, v1!);
    expect((await accept(w, h, o._id)).ok).toBe(true);

    expect(refusal(await select(w, h, roundB, b1!))).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: `您家庭已接受“惠民家园” 3栋-101 的配租邀约，该房源已为您保留；${ONE_UNIT}`,
    });
    expect(await unitStatus(w, b1!)).toBe('vacant');
    // Accepting the same offer again is a retry.
    expect((await accept(w, h, o._id)).ok).toBe(true);
    expect(await holdings(w, h.householdId)).toEqual([`offer:${v1}`]);
  });

  it('an active lease: selecting in another round and accepting an offer are refused, naming the leased unit', async () => {
    const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['502']);
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
    const h = await addHousehold(w, 'one');
    const roundA = await addRound(w, {
      projectId: 'p-hexie',
      title: '和谐新城 2026 年第四批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    // Offered while the household held nothing, answered after it has signed.
    const o = await offer(w, v1!, 14);
    expect((await select(w, h, roundA, a1!)).ok).toBe(true);
    expect((await w.office('publishResults', { roundId: roundA, noticeDays: 7 })).ok).toBe(true);
    pastNotice(w);
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    expect((await sign(w, h, roundA)).ok).toBe(true);

    const held = `您家庭正在承租“和谐新城” 3栋-502；${ONE_UNIT}`;
    expect(refusal(await select(w, h, roundB, b1!))).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: held,
    });
    expect(refusal(await accept(w, h, o._id))).toEqual({ ok: false, code: 'RULE_VIOLATION', message: held });
    expect(await holdings(w, h.householdId)).toEqual([`lease:${a1}`]);
  });

  it.each([
    ['an active lease the office recorded', 'lease', '您家庭正在承租“惠民家园” 3栋-101；'],
    ['an accepted offer', 'offer', '您家庭已接受“惠民家园” 3栋-101 的配租邀约，该房源已为您保留；'],
    [
      'a unit selected in another round',
      'selection',
      '您家庭已在“惠民家园 2025 年第一批公租房配租”选定 3栋-101，待签约；',
    ],
  ])(
    'Ulanqab Art.12: signing is refused while the household holds %s from before the rule, and writes nothing',
    async (_name, kind, named) => {
      const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['502']);
      const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
      const h = await addHousehold(w, 'one');
      const roundA = await addRound(w, {
        projectId: 'p-hexie',
        title: '和谐新城 2026 年第四批公租房配租',
        households: [h],
        stage: 'selecting',
      });
      expect((await select(w, h, roundA, a1!)).ok).toBe(true);
      expect((await w.office('publishResults', { roundId: roundA, noticeDays: 7 })).ok).toBe(true);
      pastNotice(w);
      // What the household held before one-unit was enforced, written as it was stored then.
      const db = w.host.runtime.db;
      await db
        .collection(COLLECTIONS.units)
        .doc(v1!)
        .update(
          kind === 'lease'
            ? { status: 'occupied' }
            : {
                status: 'reserved',
                reservedBy: kind === 'offer' ? 'offer-old' : `round-old-${h.householdId}`,
              },
        );
      if (kind === 'lease') {
        const { _id, ...lease } = makeLease({
          _id: 'l-recorded',
          householdId: h.householdId,
          unitId: v1!,
          projectId: 'p-huimin',
          monthlyRentFen: 900_00,
        });
        await db.collection(COLLECTIONS.leases).doc(_id).set(lease);
      } else if (kind === 'offer') {
        await db.collection(COLLECTIONS.offers).doc('offer-old').set({
          unitId: v1!,
          projectId: 'p-huimin',
          householdId: h.householdId,
          status: 'accepted',
          offeredAt: '2026-10-01T02:00:00.000Z',
          deadline: '2026-10-04T02:00:00.000Z',
          position: 1,
          respondedAt: '2026-10-02T02:00:00.000Z',
        });
      } else {
        await db.collection(COLLECTIONS.rounds).doc('round-old').set({
          projectId: 'p-huimin',
          title: '惠民家园 2025 年第一批公租房配租',
          status: 'publicized',
        });
        await db.collection(COLLECTIONS.registrations).doc(`round-old-${h.householdId}`).set({
          roundId: 'round-old',
          projectId: 'p-huimin',
          householdId: h.householdId,
          status: 'selected',
          unitId: v1!,
        });
      }

      expect(refusal(await sign(w, h, roundA))).toEqual({
        ok: false,
        code: 'RULE_VIOLATION',
        message: `${named}${ONE_UNIT}`,
      });
      expect(await unitStatus(w, a1!)).toBe('reserved');
      expect(await w.where(COLLECTIONS.leases, { householdId: h.householdId, unitId: a1! })).toEqual([]);
    },
  );

  it('a lease that has ended frees the household: refused while it runs, the next selection goes through after', async () => {
    const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['502']);
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const h = await addHousehold(w, 'one');
    const roundA = await addRound(w, {
      projectId: 'p-hexie',
      title: '和谐新城 2026 年第四批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    expect((await select(w, h, roundA, a1!)).ok).toBe(true);
    expect((await w.office('publishResults', { roundId: roundA, noticeDays: 7 })).ok).toBe(true);
    pastNotice(w);
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    expect((await sign(w, h, roundA)).ok).toBe(true);
    expect(refusal(await select(w, h, roundB, b1!))).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });

    // The lease ends (the exit procedure is not an action of this function yet: written as it would store it).
    const lease = (await w.where<LeaseDoc>(COLLECTIONS.leases, { householdId: h.householdId }))[0]!;
    await w.host.runtime.db.collection(COLLECTIONS.leases).doc(lease._id).update({ status: 'ended' });
    await w.host.runtime.db.collection(COLLECTIONS.units).doc(a1!).update({ status: 'vacant' });

    expect((await select(w, h, roundB, b1!)).ok).toBe(true);
    expect(await holdings(w, h.householdId)).toEqual([`selection:${b1}`]);
  });

  it('an accepted offer holds until its lease, recorded offline, takes over; the household is free once that lease ends', async () => {
    const [b1] = await addProject(w, 'p-anju', '安居花园', ['302']);
    const [v1] = await addProject(w, 'p-huimin', '惠民家园', ['101']);
    const h = await addHousehold(w, 'one');
    const roundB = await addRound(w, {
      projectId: 'p-anju',
      title: '安居花园 2026 年第二批公租房配租',
      households: [h],
      stage: 'selecting',
    });
    const o = await offer(w, v1!);
    expect((await accept(w, h, o._id)).ok).toBe(true);
    expect(refusal(await select(w, h, roundB, b1!))).toMatchObject({
      ok: false,
      message: `您家庭已接受“惠民家园” 3栋-101 的配租邀约，该房源已为您保留；${ONE_UNIT}`,
    });

    // The lease for an accepted offer is signed offline; the office records it (written as it would be).
    const db = w.host.runtime.db;
    const { _id, ...lease } = makeLease({
      _id: 'l-offline',
      householdId: h.householdId,
      unitId: v1!,
      projectId: 'p-huimin',
      monthlyRentFen: 900_00,
    });
    await db.collection(COLLECTIONS.leases).doc(_id).set(lease);
    await db.collection(COLLECTIONS.units).doc(v1!).update({ status: 'occupied' });
    expect(refusal(await select(w, h, roundB, b1!))).toMatchObject({
      ok: false,
      message: `您家庭正在承租“惠民家园” 3栋-101；${ONE_UNIT}`,
    });

    await db.collection(COLLECTIONS.leases).doc(_id).update({ status: 'ended' });
    await db.collection(COLLECTIONS.units).doc(v1!).update({ status: 'vacant' });
    expect((await select(w, h, roundB, b1!)).ok).toBe(true);
  });

  it.each([
    ['a unit selected in a round, awaiting signature', 'selection'],
    ['an accepted offer', 'offer'],
    ['an active lease the office recorded', 'lease'],
  ])(
    'Wuchang 2(2)3 with Ulanqab Art.12: a vacated unit is offered past the first household when it holds %s',
    async (_name, kind) => {
      const [a1] = await addProject(w, 'p-hexie', '和谐新城', ['502']);
      const [v1, v2] = await addProject(w, 'p-huimin', '惠民家园', ['101', '102']);
      // First in waitlist order: 低保 with the older certificate.
      const first = await addHousehold(w, 'first', { category: 'dibao', certificateDate: '2019-03-01' });
      const second = await addHousehold(w, 'second', {
        category: 'low_income',
        certificateDate: '2024-06-01',
      });
      if (kind === 'selection') {
        const roundA = await addRound(w, {
          projectId: 'p-hexie',
          title: '和谐新城 2026 年第四批公租房配租',
          households: [first],
          stage: 'selecting',
        });
        expect((await select(w, first, roundA, a1!)).ok).toBe(true);
      } else if (kind === 'offer') {
        const o = await offer(w, v2!);
        expect(o.householdId).toBe(first.householdId);
        expect((await accept(w, first, o._id)).ok).toBe(true);
      } else {
        const { _id, ...lease } = makeLease({
          _id: 'l-recorded',
          householdId: first.householdId,
          unitId: a1!,
          projectId: 'p-hexie',
          monthlyRentFen: 900_00,
        });
        await w.host.runtime.db.collection(COLLECTIONS.leases).doc(_id).set(lease);
        await w.host.runtime.db.collection(COLLECTIONS.units).doc(a1!).update({ status: 'occupied' });
      }

      const next = await w.office('offerVacancy', { unitId: v1!, acceptDays: 3 });
      expect(next.ok).toBe(true);
      expect(next.data.position).toBe(2);
      expect((await w.doc<OfferDoc>(COLLECTIONS.offers, next.data.id))?.householdId).toBe(second.householdId);
    },
  );
});
