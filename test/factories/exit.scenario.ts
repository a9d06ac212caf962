import { resolvePolicy } from '@shared/policy/policy-preset';
import { ULANQAB_PRESET_INPUT } from '@shared/policy/presets/ulanqab.preset';
import { makeSignaturePng } from './png.factory';
import {
  addBill,
  openTestHost,
  smallDistrict,
  type Answer,
  type TestHost,
  type TestTenant,
  type TestUser,
} from './scenario.factory';

/**
 * The world of the exit-case tests (乌兰察布 第三十一条至第三十八条): the small district under Ulanqab's policy,
 * on 20 November 2026 (10:00 Beijing), the housing office's 赵磊 acting through the allocation function.
 */
export const EXIT_POLICY = resolvePolicy(ULANQAB_PRESET_INPUT);
export const EXIT_START = '2026-11-20T02:00:00Z';

export interface ExitWorld {
  t: TestHost;
  admin: TestUser;
  /** The let households of 测试家园, in unit order. */
  tenants: TestTenant[];
  /** Calls an allocation action as this person. */
  call(who: { openid: string }, action: string, input?: object): Promise<Answer>;
}

/** A fresh host with the small district (`tenants` let units) under Ulanqab's policy. Close `t` after each test. */
export async function exitWorld(tenants: number): Promise<ExitWorld> {
  const t = await openTestHost(EXIT_START, { policy: EXIT_POLICY });
  const d = await smallDistrict(t.db, { tenants });
  return {
    t,
    admin: d.admin,
    tenants: d.project.tenants,
    call: (who, action, input = {}) => t.call('allocation', who.openid, action, input),
  };
}

/** Unpaid bills for January to `months` of 2026 (each due mid-month, so all overdue on 20 November). */
export async function addArrears(t: TestHost, tenant: TestTenant, months: number): Promise<void> {
  for (let m = 1; m <= months; m++) await addBill(t.db, tenant, `2026-0${m}`);
}

/** The office opens an exit case from billing's arrears list (Art. 32(4)); answers the call's answer. */
export function openArrearsCase(world: ExitWorld, tenant: TestTenant, clientRequestId: string) {
  return world.call(world.admin, 'openExitCase', {
    leaseId: tenant.leaseId,
    trigger: 'arrears_6_months',
    source: 'arrears',
    evidence: '欠租名单标记',
    clientRequestId,
  });
}

/** A photo the office takes at the move-out inspection, uploaded to storage; answers its file ID. */
export function inspectionPhoto(world: ExitWorld): Promise<string> {
  return world.t.upload(world.admin.openid, 'exit-photo', makeSignaturePng(40, 40, 7));
}
