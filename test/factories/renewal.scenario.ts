import type { ProjectSpec, TestHost, TestTenant, TestUser, Answer } from './scenario.factory';
import { addProject, addUser, openTestHost } from './scenario.factory';
import { makeSignaturePng } from './png.factory';

/**
 * The world of the renewal tests (乌兰察布 第二十一条): one project whose leases all run 2024-02-01 to
 * 2027-01-31 (renewal due by 2026-10-31), the housing office's admin, and the clock on 5 October 2026
 * (10:00 Beijing).
 */
export const RENEWAL_START = '2026-10-05T02:00:00Z';

export interface RenewalWorld {
  t: TestHost;
  admin: TestUser;
  /** The households of the project, one per let unit, in unit order. */
  tenants: TestTenant[];
}

/** A fresh host with the project `projectId` (`tenants` let units; `household` as in `addProject`). */
export async function renewalWorld(spec: {
  projectId: string;
  tenants: number;
  household?: ProjectSpec['household'];
}): Promise<RenewalWorld> {
  const t = await openTestHost(RENEWAL_START);
  const admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
  const project = await addProject(t.db, {
    id: spec.projectId,
    tenants: spec.tenants,
    lease: () => ({ startDate: '2024-02-01', endDate: '2027-01-31' }),
    ...(spec.household ? { household: spec.household } : {}),
  });
  return { t, admin, tenants: project.tenants };
}

/** The tenant signs a lease contract online as shown to them (its text's digest), with a drawn signature. */
export async function signContract(
  t: TestHost,
  tenant: TestTenant,
  contract: { id: string; textSha256: string },
): Promise<Answer> {
  const signatureFileId = await t.upload(tenant.openid, 'signature', makeSignaturePng(64, 32, 9));
  return t.call('allocation', tenant.openid, 'signLeaseContract', {
    contractId: contract.id,
    signatureFileId,
    textSha256: contract.textSha256,
  });
}
