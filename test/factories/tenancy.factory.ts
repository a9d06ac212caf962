import { COLLECTIONS } from '../../shared/collections';
import type { DatabasePort } from '../../cloudfunctions/_runtime/db';
import type {
  BillDoc,
  HouseholdDoc,
  LeaseDoc,
  LedgerEntryDoc,
  ProjectDoc,
  UnitDoc,
} from '../../cloudfunctions/_runtime/documents';
import { makeBill, makeBuilding, makeHousehold, makeLease, makeProject, makeUnit } from './housing.factory';
import { createRng } from './rng';

export interface Person {
  userId: string;
  openid: string;
}

export interface Tenancy {
  projectId: string;
  buildingId: string;
  unitId: string;
  householdId: string;
  leaseId: string;
  tenant: Person;
  manager: Person;
  admin: Person;
  /** Bill ids by period, in the order given. */
  bills: Record<string, string>;
}

export interface TenancyOptions {
  /** Keeps the ids of several tenancies in one database apart. */
  prefix?: string;
  project?: Partial<ProjectDoc>;
  unit?: Partial<UnitDoc>;
  household?: Partial<HouseholdDoc>;
  lease?: Partial<LeaseDoc>;
  /** Bills of the lease: a period and its charge, optionally entries, due date and status. */
  bills?: (Pick<BillDoc, 'period' | 'amountFen'> &
    Partial<Pick<BillDoc, 'entries' | 'dueDate' | 'status'>>)[];
}

async function put<T extends { _id: string }>(db: DatabasePort, collection: string, doc: T): Promise<void> {
  const { _id, ...body } = doc;
  await db.collection(collection).doc(_id).set(body);
}

/**
 * One household renting one unit, with its tenant's WeChat user, the project's manager and a housing-office
 * user, and the lease's bills: the smallest world a billing scenario needs. Bill ids follow the monthly
 * run's scheme (`bill-<lease>-<period>`).
 */
export async function addTenancy(db: DatabasePort, opts: TenancyOptions = {}): Promise<Tenancy> {
  const p = opts.prefix ?? 't';
  const rng = createRng(p.length * 7919 + 17);
  const project = makeProject({ _id: `${p}-project`, name: '惠民家园', ...opts.project });
  const building = makeBuilding({ _id: `${p}-b1`, projectId: project._id });
  const unit = makeUnit(rng, {
    _id: `${p}-unit`,
    projectId: project._id,
    buildingId: building._id,
    floor: 5,
    label: '1栋-0501',
    status: 'occupied',
    ...opts.unit,
  });
  const household = makeHousehold(rng, {
    _id: `${p}-household`,
    status: 'tenant',
    category: 'low_income',
    ...opts.household,
  });
  const lease = makeLease({
    _id: `${p}-lease`,
    householdId: household._id,
    unitId: unit._id,
    projectId: project._id,
    monthlyRentFen: unit.monthlyRentFen,
    ...opts.lease,
  });
  await put(db, COLLECTIONS.projects, project);
  await put(db, COLLECTIONS.buildings, building);
  await put(db, COLLECTIONS.units, unit);
  await put(db, COLLECTIONS.households, household);
  await put(db, COLLECTIONS.leases, lease);
  const person = async (role: 'tenant' | 'manager' | 'admin', name: string): Promise<Person> => {
    const userId = `${p}-u-${role}`;
    const openid = `${p}-openid-${role}`;
    await db
      .collection(COLLECTIONS.users)
      .doc(userId)
      .set({
        openid,
        name,
        roles: [role],
        ...(role === 'tenant' ? { householdId: household._id } : {}),
        ...(role === 'manager' ? { projectIds: [project._id] } : {}),
        createdAt: '2024-01-01T00:00:00.000Z',
      });
    return { userId, openid };
  };
  const bills: Record<string, string> = {};
  for (const b of opts.bills ?? []) {
    const bill = makeBill({
      _id: `bill-${lease._id}-${b.period}`,
      leaseId: lease._id,
      householdId: household._id,
      projectId: project._id,
      buildingId: building._id,
      unitId: unit._id,
      ...b,
    });
    await put(db, COLLECTIONS.bills, bill);
    bills[b.period] = bill._id;
  }
  return {
    projectId: project._id,
    buildingId: building._id,
    unitId: unit._id,
    householdId: household._id,
    leaseId: lease._id,
    tenant: await person('tenant', household.headName),
    manager: await person('manager', '张敏'),
    admin: await person('admin', '赵磊'),
    bills,
  };
}

/** A payment already in a bill's ledger (e.g. paid at the counter before the scenario starts). */
export function paidEntry(
  billId: string,
  amountFen: number,
  at = '2026-11-10T02:00:00.000Z',
): LedgerEntryDoc {
  return {
    id: `seed-pay-${billId}`,
    kind: 'payment',
    deltaFen: -amountFen,
    method: 'offline',
    ref: '',
    reason: '线下缴费',
    actorUserId: 'seed',
    at,
  };
}
