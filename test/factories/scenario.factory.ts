import type { FunctionName, Role } from '../../shared/contracts';
import { COLLECTIONS } from '../../shared/collections';
import type { PolicyPreset } from '../../shared/policy/policy-preset';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import type { UserDoc } from '../../cloudfunctions/_runtime/caller';
import type { DatabasePort } from '../../cloudfunctions/_runtime/db';
import type { Logger } from '../../cloudfunctions/_runtime/logger';
import type { BillDoc, HouseholdDoc, LeaseDoc, UnitDoc } from '../../cloudfunctions/_runtime/documents';
import { makeBill, makeBuilding, makeHousehold, makeLease, makeProject, makeUnit } from './housing.factory';
import { createRng } from './rng';
import type { UploadPurpose } from '@shared/uploads';
import { readTempUrl, uploadAs } from './upload.factory';
import { BatchedWriter, type Writer } from './batched-writes';

/**
 * Small worlds for function tests: each test opens its own in-memory host and writes only what it is about
 * (a project, a few units, a few households and the staff who act on them), so it runs alone and reads on
 * its own. The 500-household demo district is for tests about the demo seed.
 */

// The answers are read as loose JSON: the contracts are checked by the handler, the tests check values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { ok: boolean; data?: any; error?: any };

export interface TestHost {
  host: LocalHost;
  db: DatabasePort;
  /** The injected clock: `now()` is what the functions read. */
  clock: { now(): Date; set(at: string | Date): void; advance(ms: number): void };
  /** Calls `fn.action` as the user with this OPENID (null: no identity), the way a client does. */
  call(fn: FunctionName, openid: string | null, action: string, input?: object): Promise<Answer>;
  /** Fires a timer trigger the way CloudBase does (no user identity). */
  trigger(fn: FunctionName, triggerName: string): Promise<Answer>;
  /** Uploads a file as this person's phone would (`uploads/<openid>/<purpose>/…`); answers its file ID. */
  upload(openid: string, purpose: UploadPurpose, bytes: Uint8Array, ext?: string): Promise<string>;
  /** The bytes behind a temporary address a function answered with (null when it does not open). */
  fetchUrl(url: string): Promise<Buffer | null>;
  count(collection: string, where?: object): Promise<number>;
  /** Every document a query matches (paged past the 1000-document limit). */
  all<T>(collection: string, where?: object): Promise<T[]>;
  doc<T>(collection: string, id: string): Promise<T | undefined>;
  close(): void;
}

/** A fresh in-memory host with no data, its clock at `start` (and the district's policy, if given). */
export async function openTestHost(
  start: string | Date,
  options: {
    seedDemo?: boolean;
    log?: Logger;
    policy?: PolicyPreset;
    savedSettings?: boolean;
    /** A storage folder of the test's own (default: one shared by the tests of a jest worker). */
    filesDir?: string;
  } = {},
) {
  let now = new Date(start);
  const host = await createLocalHost({
    dataFile: ':memory:',
    ...(options.filesDir ? { filesDir: options.filesDir } : {}),
    seed: options.seedDemo ?? false,
    now: () => now,
    ...(options.log ? { log: options.log } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.savedSettings === false ? { savedSettings: false } : {}),
  });
  const db = host.runtime.db;
  const t: TestHost = {
    host,
    db,
    clock: {
      now: () => now,
      set: (at) => void (now = new Date(at)),
      advance: (ms) => void (now = new Date(now.getTime() + ms)),
    },
    call: (fn, openid, action, input = {}) =>
      host.invoke(fn, { action, ...input }, { openid }) as Promise<Answer>,
    trigger: (fn, triggerName) => host.trigger(fn, triggerName) as Promise<Answer>,
    upload: (openid, purpose, bytes, ext) => uploadAs(host, openid, purpose, bytes, ext),
    fetchUrl: (url) => readTempUrl(host, url),
    count: async (collection, where = {}) => (await db.collection(collection).where(where).count()).total,
    async all<T>(collection: string, where: object = {}) {
      const out: T[] = [];
      for (let skip = 0; ; skip += 1000) {
        const page = (await db.collection(collection).where(where).skip(skip).limit(1000).get()).data as T[];
        out.push(...page);
        if (page.length < 1000) return out;
      }
    },
    doc: async <T>(collection: string, id: string) =>
      (await db.collection(collection).doc(id).get()).data[0] as T | undefined,
    close: () => host.close(),
  };
  return t;
}

export interface TestUser {
  userId: string;
  openid: string;
  name: string;
}

export interface TestTenant extends TestUser {
  householdId: string;
  leaseId: string;
  unitId: string;
  unitLabel: string;
  buildingId: string;
  projectId: string;
  monthlyRentFen: number;
}

export interface TestProject {
  projectId: string;
  name: string;
  buildingIds: string[];
  units: UnitDoc[];
  /** Households with an active lease, one per occupied unit, in unit order. */
  tenants: TestTenant[];
  vacantUnitIds: string[];
}

async function put(db: Writer, collection: string, doc: { _id: string }) {
  const { _id, ...body } = doc;
  await db.collection(collection).doc(_id).set(body);
}

/** A user (one per OPENID, `wx-<id>` unless given). */
export async function addUser(
  db: Writer,
  spec: {
    id: string;
    roles: Role[];
    name?: string;
    openid?: string;
    projectIds?: string[];
    householdId?: string;
  },
): Promise<TestUser> {
  const user: UserDoc = {
    _id: spec.id,
    openid: spec.openid ?? `wx-${spec.id}`,
    name: spec.name ?? spec.id,
    roles: spec.roles,
    ...(spec.projectIds ? { projectIds: spec.projectIds } : {}),
    ...(spec.householdId ? { householdId: spec.householdId } : {}),
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  await put(db, COLLECTIONS.users, user);
  return { userId: user._id, openid: user.openid, name: user.name };
}

/**
 * A project of `buildings` buildings (`1栋`, `2栋`…) with `floors` × `perFloor` units each, market rent
 * `rentPerM2Fen` per m². The first `tenants` units are let: each has a household (`<id>-h<n>`: 低收入, 2 persons,
 * ¥36,000 a year, i.e. ¥1,500 per person a month, the second rent tier; no home, no priority circumstances,
 * unless `household(i)` says otherwise), an active lease 2025-01-01 – 2027-12-31 (`<id>-l<n>`, rent
 * `leaseRentFen` or 60% of the market rent; `lease(i)` overrides) and a tenant user (`wx-<id>-t<n>`).
 * Written in transactions under the platform's limit (`BatchedWriter`).
 */
export interface ProjectSpec {
  id: string;
  name?: string;
  buildings?: number;
  floors?: number;
  perFloor?: number;
  tenants?: number;
  rentPerM2Fen?: number;
  /** Every unit's market rent, instead of area × rentPerM2Fen. */
  marketRentFen?: number;
  leaseRentFen?: number;
  utilities?: { label: string; monthlyFen: number }[];
  household?: (i: number) => Partial<HouseholdDoc>;
  lease?: (i: number) => Partial<LeaseDoc>;
}

export async function addProject(db: DatabasePort, spec: ProjectSpec): Promise<TestProject> {
  const writer = new BatchedWriter();
  const project = await writeProject(writer, spec);
  await writer.flush(db);
  return project;
}

async function writeProject(db: Writer, spec: ProjectSpec): Promise<TestProject> {
  const rng = createRng([...spec.id].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7));
  const name = spec.name ?? `${spec.id}家园`;
  await put(
    db,
    COLLECTIONS.projects,
    makeProject({ _id: spec.id, name, ...(spec.utilities ? { utilities: spec.utilities } : {}) }),
  );
  const units: UnitDoc[] = [];
  const buildingIds: string[] = [];
  const floors = spec.floors ?? 3;
  for (let b = 1; b <= (spec.buildings ?? 1); b++) {
    const buildingId = `${spec.id}-b${b}`;
    buildingIds.push(buildingId);
    await put(
      db,
      COLLECTIONS.buildings,
      makeBuilding({ _id: buildingId, projectId: spec.id, name: `${b}栋`, floors, highRise: floors > 9 }),
    );
    for (let f = 1; f <= floors; f++) {
      for (let r = 1; r <= (spec.perFloor ?? 2); r++) {
        const room = `${f}${String(r).padStart(2, '0')}`;
        units.push(
          makeUnit(
            rng,
            {
              _id: `${buildingId}-${room}`,
              projectId: spec.id,
              buildingId,
              floor: f,
              label: `${b}栋-${room}`,
            },
            spec.rentPerM2Fen ?? 2500,
          ),
        );
        if (spec.marketRentFen !== undefined)
          (units[units.length - 1] as UnitDoc).monthlyRentFen = spec.marketRentFen;
      }
    }
  }
  const tenants: TestTenant[] = [];
  const count = Math.min(spec.tenants ?? 0, units.length);
  for (let i = 0; i < count; i++) {
    const unit = units[i] as UnitDoc;
    unit.status = 'occupied';
    const household = makeHousehold(rng, {
      _id: `${spec.id}-h${i + 1}`,
      status: 'tenant',
      category: 'low_income',
      size: 2,
      annualIncomeFen: 36_000_00,
      ownedHomeAreaM2: 0,
      priority: {
        solitaryElderly: false,
        seriousIllnessOrDisabilityWithoutIncome: false,
        entitledGroup: false,
        localPriority: false,
      },
      ...spec.household?.(i),
    });
    await put(db, COLLECTIONS.households, household);
    const lease: LeaseDoc = makeLease({
      _id: `${spec.id}-l${i + 1}`,
      householdId: household._id,
      unitId: unit._id,
      projectId: spec.id,
      monthlyRentFen: spec.leaseRentFen ?? Math.round(unit.monthlyRentFen * 0.6),
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      ...spec.lease?.(i),
    });
    await put(db, COLLECTIONS.leases, lease);
    const user = await addUser(db, {
      id: `${spec.id}-t${i + 1}`,
      roles: ['tenant'],
      name: household.headName,
      householdId: household._id,
    });
    tenants.push({
      ...user,
      householdId: household._id,
      leaseId: lease._id,
      unitId: unit._id,
      unitLabel: unit.label,
      buildingId: unit.buildingId,
      projectId: spec.id,
      monthlyRentFen: lease.monthlyRentFen,
    });
  }
  for (const u of units) await put(db, COLLECTIONS.units, u);
  return {
    projectId: spec.id,
    name,
    buildingIds,
    units,
    tenants,
    vacantUnitIds: units.filter((u) => u.status === 'vacant').map((u) => u._id),
  };
}

/**
 * A tenant's bill for `period` (`bill-<lease>-<period>`, the id the monthly run gives), of the lease's rent
 * unless `amountFen` is given; due on the 15th. `paid` adds an offline payment of the whole amount.
 */
export async function addBill(
  db: Writer,
  tenant: TestTenant,
  period: string,
  opts: { paid?: boolean; amountFen?: number } = {},
): Promise<BillDoc> {
  const amountFen = opts.amountFen ?? tenant.monthlyRentFen;
  const bill = makeBill({
    _id: `bill-${tenant.leaseId}-${period}`,
    leaseId: tenant.leaseId,
    householdId: tenant.householdId,
    projectId: tenant.projectId,
    buildingId: tenant.buildingId,
    unitId: tenant.unitId,
    period,
    amountFen,
    status: opts.paid ? 'paid' : 'unpaid',
    entries: opts.paid
      ? [
          {
            id: `seed-pay-${tenant.leaseId}-${period}`,
            kind: 'payment',
            deltaFen: -amountFen,
            method: 'offline',
            ref: '',
            reason: '线下缴费',
            actorUserId: 'test',
            at: `${period}-10T02:00:00.000Z`,
          },
        ]
      : [],
  });
  await put(db, COLLECTIONS.bills, bill);
  return bill;
}

/**
 * The small district most function tests start from: 测试家园 (`p-test`, `buildings` buildings of 3 floors × 2
 * units, the first `tenants` units let) run by 张敏 (manager) with 孙强 (worker); 别处家园 (`p-other`, 2 let units) run by
 * another manager; and the housing office's 赵磊 (admin).
 */
export async function smallDistrict(
  db: DatabasePort,
  opts: { tenants?: number; buildings?: number; household?: ProjectSpec['household'] } = {},
) {
  const project = await addProject(db, {
    id: 'p-test',
    name: '测试家园',
    tenants: opts.tenants ?? 4,
    buildings: opts.buildings ?? 1,
    ...(opts.household ? { household: opts.household } : {}),
  });
  const other = await addProject(db, { id: 'p-other', name: '别处家园', floors: 1, tenants: 2 });
  const admin = await addUser(db, { id: 'u-admin', roles: ['admin'], name: '赵磊' });
  const manager = await addUser(db, {
    id: 'u-manager',
    roles: ['manager'],
    name: '张敏',
    projectIds: ['p-test'],
  });
  const otherManager = await addUser(db, {
    id: 'u-manager-other',
    roles: ['manager'],
    name: '李娜',
    projectIds: ['p-other'],
  });
  const worker = await addUser(db, {
    id: 'u-worker',
    roles: ['worker'],
    name: '孙强',
    projectIds: ['p-test'],
  });
  return { project, other, admin, manager, otherManager, worker };
}
