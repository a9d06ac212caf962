import { COLLECTIONS } from '@shared/collections';
import type { HouseholdDoc } from '../../cloudfunctions/_runtime/documents';
import { openTestHost, smallDistrict, type TestHost, type TestTenant } from './scenario.factory';

/**
 * The world of the contact tests (联系租户, 联系维修师傅, 服务电话; issues #17 and #19): the small district at
 * 10:00 Beijing on 22 November 2026, and who calls whom in it.
 */
export const CONTACT_START = '2026-11-22T02:00:00Z';

/** The OPENIDs of the small district's staff (`smallDistrict`): `wx-` and the user id. */
export const MANAGER = 'wx-u-manager';
export const OTHER_MANAGER = 'wx-u-manager-other';
export const WORKER = 'wx-u-worker';
export const ADMIN = 'wx-u-admin';

export interface ContactWorld {
  t: TestHost;
  /** The tenant whose case it is (测试家园, first let unit). */
  tenant: TestTenant;
  /** The tenant's neighbour in the same project. */
  neighbour: TestTenant;
  /** A tenant of 别处家园, another manager's project. */
  otherTenant: TestTenant;
  /** The tenant's household phone as registered: what a contact answers and what no audit may contain. */
  phone: string;
}

/** A fresh host with the small district in it, its clock at `CONTACT_START`. Close `t` after each test. */
export async function contactWorld(): Promise<ContactWorld> {
  const t = await openTestHost(CONTACT_START);
  const d = await smallDistrict(t.db);
  const [tenant, neighbour] = d.project.tenants as [TestTenant, TestTenant];
  const otherTenant = d.other.tenants[0] as TestTenant;
  const phone = (await t.doc<HouseholdDoc>(COLLECTIONS.households, tenant.householdId))!.phone;
  return { t, tenant, neighbour, otherTenant, phone };
}

/** The tenant files a water leak in their home (no photos); answers its id, failing the test if refused. */
export async function fileRepair(t: TestHost, openid: string, clientRequestId: string): Promise<string> {
  const filed = await t.call('repair', openid, 'file', {
    kind: 'repair',
    category: 'water',
    description: '卫生间水管漏水',
    emergency: false,
    preferredTimes: '',
    photos: [],
    clientRequestId,
  });
  if (!filed.ok) throw new Error(`报修未能提交：${JSON.stringify(filed.error)}`);
  return filed.data.id as string;
}

/** The project's manager sends 孙强 (`u-worker`) for 10:00 the next day; fails the test if refused. */
export async function assignToWorker(t: TestHost, repairId: string): Promise<void> {
  const assigned = await t.call('repair', MANAGER, 'assign', {
    repairId,
    workerUserId: 'u-worker',
    visitAt: '2026-11-23T10:00:00+08:00',
  });
  if (!assigned.ok) throw new Error(`派单未成功：${JSON.stringify(assigned.error)}`);
}
