import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArrearsRow, ExitCaseView } from '@shared/contracts';
import { makeSignaturePng } from '../factories/png.factory';
import { attachFile, click, confirmModal, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * The exit procedure in a real browser (Ulanqab Art. 31–33, 37, 38): the housing office starts the exit
 * procedure from the arrears flag (6 months or more), gives written notice with the period to answer, decides
 * once the period has passed, inspects the vacated unit with a photo, settles arrears against the deposit,
 * ends the lease, and offers the vacant unit to the waitlist.
 */
describe('browser: an arrears case from the flag to a vacated unit', () => {
  let world: E2eWorld;
  let clock = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anju-exit-'));
  const photoFile = path.join(dir, 'room.png');
  writeFileSync(photoFile, makeSignaturePng(200, 150, 5));

  beforeAll(async () => {
    world = await startWorld(() => clock);
  });
  afterAll(async () => world?.close());

  const invoke = async <T>(fn: 'billing' | 'allocation', action: string, input: object = {}) => {
    const res = await world.server.host.invoke(fn, { action, ...input }, { openid: 'demo-admin' });
    if (!res.ok) throw new Error(res.error.message);
    return res.data as T;
  };
  const step = async (page: Awaited<ReturnType<E2eWorld['signIn']>>['page'], id: string) => {
    await click(page, id);
    await confirmModal(page);
  };

  it('runs the whole procedure', async () => {
    // A flagged lease whose household has no open case yet (the demo's own case is already notified).
    const open = await invoke<ExitCaseView[]>('allocation', 'listExitCases', { state: 'open' });
    const { rows } = await invoke<{ rows: ArrearsRow[] }>('billing', 'arrears');
    const taken = new Set(open.map((c) => c.unitLabel));
    const row = rows.find((r) => r.exitFlag && !taken.has(r.unitLabel));
    expect(row).toBeDefined();
    const leaseId = row!.leaseId;

    let admin = (await world.signIn('u-admin', clock)).page;
    await click(admin, '#go-arrears');
    await admin.waitForSelector(`#exit-start-${leaseId}`);
    await click(admin, `#exit-start-${leaseId}`);
    await admin.waitForSelector('#exit-open');
    await click(admin, '#exit-open-submit');
    await admin.waitForSelector('[id^="exit-detail-"]');
    const detailId = (await admin.locator('[id^="exit-detail-"]').first().getAttribute('id')) as string;
    const caseId = detailId.replace('exit-detail-', '');
    await admin.waitForSelector(`#exit-state-${caseId}:has-text("已立案")`);
    const detail = (await admin.locator(`#${detailId}`).textContent()) ?? '';
    expect(detail).toContain('5 年内不得再次申请');

    // Written notice (Art. 33) with 15 days to answer.
    await step(admin, '#step-notify-submit');
    await admin.waitForSelector(`#exit-state-${caseId}:has-text("待住户陈述")`);
    expect(await admin.locator(`#exit-${caseId}`).textContent()).toContain('期限 2026-12-08');

    // The period has passed without a statement: the office decides.
    clock = new Date('2026-12-09T02:00:00Z');
    // (The development session does not outlive the jump in time: sign in again.)
    admin = (await world.signIn('u-admin', clock)).page;
    await click(admin, '#go-exit-cases');
    await admin.waitForSelector(`#exit-${caseId}`);
    expect(await admin.locator(`#exit-${caseId}`).textContent()).toContain('已逾期');
    await click(admin, `#exit-${caseId} .row`);
    await fill(admin, '#step-decide_exit-text textarea', '逾期未陈述，累计欠租无正当理由');
    await step(admin, '#step-decide_exit-submit');
    await admin.waitForSelector(`#exit-state-${caseId}:has-text("待验房")`);

    // Move-out inspection with a photo.
    clock = new Date('2026-12-10T02:00:00Z');
    await fill(admin, '#step-inspect-text textarea', '房屋完好，钥匙已交回');
    await attachFile(admin, '#step-inspect-photo', photoFile);
    await admin.waitForSelector('.photo-img');
    await step(admin, '#step-inspect-submit');
    await admin.waitForSelector(`#exit-state-${caseId}:has-text("待结算")`);

    // Settlement: the deposit pays the arrears as billing has them; the rest is due back as a refund.
    const depositFen = row!.amountFen * 2 + 50_000;
    await fill(admin, '#step-settle-deposit input', (depositFen / 100).toFixed(2));
    // A figure that is not an amount says so under itself, before anything is asked or sent (issue #19).
    await fill(admin, '#step-settle-damage input', '12.345');
    await click(admin, '#step-settle-submit');
    await admin.waitForSelector(
      '#step-settle-damage-error:has-text("请填写正确的金额（元，最多两位小数）。")',
    );
    expect(await admin.locator('.taro-model__confirm:visible').count()).toBe(0);
    expect((await invoke<ExitCaseView>('allocation', 'exitCase', { caseId })).settlement).toBeNull();
    await fill(admin, '#step-settle-damage input', '0');
    await admin.waitForFunction(() => !document.querySelector('#step-settle-damage-error'));
    await step(admin, '#step-settle-submit');
    await admin.waitForSelector(`#exit-settlement-${caseId}:has-text("待退款")`);
    const settled = (await invoke<ExitCaseView>('allocation', 'exitCase', { caseId })).settlement!;
    expect(settled.arrearsFen).toBeGreaterThanOrEqual(row!.amountFen);
    expect(settled).toMatchObject({
      depositFen,
      refundDueFen: depositFen - settled.arrearsFen,
      refundStatus: 'due',
    });

    // The refund due is paid by bank transfer and recorded with its voucher number (asked first).
    await click(admin, '#exit-refund-submit');
    await admin.waitForSelector('#exit-refund-reference-error:has-text("请填写银行转账凭证号")');
    await fill(admin, '#exit-refund-reference input', 'BK20261210001');
    await step(admin, '#exit-refund-submit');
    await admin.waitForSelector(`#exit-refunded-${caseId}:has-text("BK20261210001")`);
    expect((await invoke<ExitCaseView>('allocation', 'exitCase', { caseId })).settlement).toMatchObject({
      refundStatus: 'refunded',
      refundMethod: 'transfer',
    });

    // The lease ends; the unit is vacant.
    await step(admin, '#step-end_lease-submit');
    await admin.waitForSelector(`#exit-state-${caseId}:has-text("已退房")`);
    const ended = await invoke<ExitCaseView>('allocation', 'exitCase', { caseId });
    expect(ended).toMatchObject({ state: 'vacated', endedOn: '2026-12-10', banEndsOn: '2031-12-10' });
    expect(ended.steps.map((s) => s.label)).toEqual([
      '立案',
      '书面通知住户',
      '决定退出',
      '退房验房',
      '结算欠租和押金',
      '终止租约、收回房源',
    ]);

    // The vacant unit is offered to the waitlist from the office's page.
    await click(admin, `#exit-offer-${caseId}`);
    await admin.waitForSelector('#admin');
    const project = (await invoke<{ id: string; name: string }[]>('allocation', 'listProjects')).find(
      (p) => p.name === ended.projectName,
    )!;
    await admin.waitForSelector(`#project-${project.id}:visible`);
    await click(admin, `#project-${project.id}:visible`);
    await admin.waitForSelector(`#offer-${ended.unitId}:visible`);
    await click(admin, `#offer-${ended.unitId}:visible`);
    await confirmModal(admin);
    await admin.waitForSelector(`#offer-${ended.unitId}`, { state: 'detached' });
    const vacancies = await invoke<{ unit: { id: string }; offer: { statusLabel: string } | null }[]>(
      'allocation',
      'listVacancies',
      { projectId: project.id },
    );
    expect(vacancies.find((v) => v.unit.id === ended.unitId)?.offer?.statusLabel).toBe('待答复');
  });
});
