import { COLLECTIONS } from '@shared/collections';
import type { AuditDoc, ExitCaseDoc } from '../../../cloudfunctions/_runtime/documents';
import type { ExitWorld } from '../../factories/exit.scenario';
import { addArrears, exitWorld, inspectionPhoto, openArrearsCase } from '../../factories/exit.scenario';
import type { TestHost, TestTenant, TestUser } from '../../factories/scenario.factory';

/**
 * The settlement's refund is paid and recorded: by bank transfer (voucher number) or by a WeChat Pay refund
 * the office made with this case as its source, which must have succeeded for exactly the amount due.
 */
describe('exit case: recording the settlement refund', () => {
  let t: TestHost;
  let admin: TestUser;
  let tenant: TestTenant;
  let caseId: string;
  let world: ExitWorld;
  const call: ExitWorld['call'] = (who, action, input) => world.call(who, action, input);
  const record = (input: object, who: { openid: string } = admin) =>
    call(who, 'exitRecordRefund', { caseId, ...input });
  const stored = async () => (await t.doc<ExitCaseDoc>(COLLECTIONS.exitCases, caseId))!;
  const plantRefund = (id: string, over: object = {}) =>
    t.db
      .collection(COLLECTIONS.refunds)
      .doc(id)
      .set({
        householdId: tenant.householdId,
        amountFen: 40_000,
        kind: 'move_out_settlement',
        sourceRef: caseId,
        status: 'success',
        ...over,
      });

  beforeEach(async () => {
    world = await exitWorld(2);
    ({ t, admin } = world);
    tenant = world.tenants[0] as TestTenant;
    await addArrears(t, tenant, 6);
    const opened = await openArrearsCase(world, tenant, 'exit-refund-1');
    caseId = opened.data.id;
    expect((await call(admin, 'exitNotify', { caseId, respondDays: 15 })).ok).toBe(true);
    expect((await call(tenant, 'exitStatement', { caseId, text: '无异议' })).ok).toBe(true);
    expect((await call(admin, 'exitDecide', { caseId, reason: '欠租', moveOutDays: 30 })).ok).toBe(true);
    const photo = await inspectionPhoto(world);
    expect((await call(admin, 'exitInspect', { caseId, note: '完好', photoFileIds: [photo] })).ok).toBe(true);
  });
  afterEach(() => t.close());

  const settle = (depositFen: number) =>
    call(admin, 'exitSettle', { caseId, depositFen, backPayFen: 0, damageFen: 10_000, fineFen: 0 });

  it('before settlement, or with nothing due, there is nothing to record', async () => {
    expect((await record({ method: 'transfer', reference: 'BK001' })).error).toMatchObject({
      code: 'STATE_INVALID',
      message: '结算后才能登记退款。',
    });
    expect((await settle(tenant.monthlyRentFen * 6)).data.settlement.refundDueFen).toBe(0);
    expect((await record({ method: 'transfer', reference: 'BK001' })).error.message).toBe(
      '本案结算无应退款项。',
    );
  });

  it('a bank transfer: recorded once by the office, audited; the household and bad input are refused', async () => {
    expect((await settle(tenant.monthlyRentFen * 6 + 50_000)).data.settlement).toMatchObject({
      refundDueFen: 40_000,
      refundStatus: 'due',
    });
    const before = JSON.stringify(await stored());
    expect((await record({ method: 'transfer', reference: 'BK001' }, tenant)).error.code).toBe('NOT_FOUND');
    expect((await record({ method: 'transfer', reference: '' })).error.code).toBe('INVALID_INPUT');
    expect((await record({ method: 'transfer', reference: '凭证 1' })).error.code).toBe('INVALID_INPUT');
    expect((await record({ method: 'cash', reference: 'BK001' })).error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(await stored())).toBe(before);

    const done = await record({ method: 'transfer', reference: 'BK20261201001' });
    expect(done.data.settlement).toMatchObject({
      refundStatus: 'refunded',
      refundMethod: 'transfer',
      refundReference: 'BK20261201001',
    });
    // Retried: the same answer, one audit entry; another voucher afterwards is refused.
    expect((await record({ method: 'transfer', reference: 'BK20261201001' })).ok).toBe(true);
    const other = await record({ method: 'transfer', reference: 'BK999' });
    expect(other.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('不能重复登记'),
    });
    const audits = (await t.all<AuditDoc>(COLLECTIONS.auditLog)).filter(
      (a) => a.action === 'refund_recorded',
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).toContain('400.00 元');
  });

  it("a WeChat Pay refund counts only if it is this case's, has succeeded, and is the amount due", async () => {
    await settle(tenant.monthlyRentFen * 6 + 50_000);
    const wx = (reference: string) => record({ method: 'wechat_refund', reference });
    expect((await wx('RFunknown')).error.message).toContain('未找到本案的微信支付退款单');
    await plantRefund('RFother', { sourceRef: 'another-case' });
    expect((await wx('RFother')).error.code).toBe('RULE_VIOLATION');
    await plantRefund('RFpending', { status: 'processing' });
    expect((await wx('RFpending')).error.message).toContain('尚未成功');
    await plantRefund('RFshort', { amountFen: 30_000 });
    expect((await wx('RFshort')).error.message).toContain('与应退金额 400.00 元不一致');
    expect((await stored()).settlement?.refundStatus).toBe('due');
    await plantRefund('RFgood');
    expect((await wx('RFgood')).data.settlement).toMatchObject({
      refundStatus: 'refunded',
      refundMethod: 'wechat_refund',
      refundReference: 'RFgood',
    });
  });

  it('two offices recording different vouchers at once: one is kept', async () => {
    await settle(tenant.monthlyRentFen * 6 + 50_000);
    const results = await Promise.all([
      record({ method: 'transfer', reference: 'BKA' }),
      record({ method: 'transfer', reference: 'BKB' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const kept = (await stored()).settlement?.refundReference;
    expect(['BKA', 'BKB']).toContain(kept);
    const audits = (await t.all<AuditDoc>(COLLECTIONS.auditLog)).filter(
      (a) => a.action === 'refund_recorded',
    );
    expect(audits).toHaveLength(1);
  });
});
