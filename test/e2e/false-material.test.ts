import type { ActionOutput, ExitCaseView } from '@shared/contracts';
import { click, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(180_000);

/**
 * 发现虚假材料 in a real browser (乌兰察布 第三十七条第二款): the housing office, on the waitlist, finds that an
 * approved household's material was false and opens an exit case on its application from the household's row;
 * the form asks for the evidence first, then the case stands with the false-material trigger and the clause.
 */
describe('browser: the office opens a false-material case from the waitlist', () => {
  let world: E2eWorld;
  const clock = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing

  beforeAll(async () => {
    world = await startWorld(() => clock);
  });
  afterAll(async () => world?.close());

  const invoke = async <T>(action: string, input: object = {}) => {
    const res = await world.server.host.invoke('allocation', { action, ...input }, { openid: 'demo-admin' });
    if (!res.ok) throw new Error(res.error.message);
    return res.data as T;
  };

  it('from the household’s row to an opened case on its application', async () => {
    const rows = await invoke<ActionOutput<'allocation', 'waitlist'>>('waitlist');
    const row = rows.find((r) => r.applicationId !== null);
    expect(row).toBeDefined();
    const before = await invoke<ExitCaseView[]>('listExitCases', { state: 'all' });

    const admin = (await world.signIn('u-admin', clock)).page;
    await click(admin, '#go-waitlist');
    await admin.waitForSelector(`#false-material-${row!.householdId}`);
    await click(admin, `#false-material-${row!.householdId}`);
    await admin.waitForSelector('#exit-open');
    // The only trigger for an application is false material, chosen already.
    expect(await admin.locator('#exit-open [id^="trigger-"]').count()).toBe(1);
    expect(await admin.locator('#trigger-false_information').textContent()).toContain('虚报隐瞒');

    // Without the evidence, the form says what is missing and nothing is opened.
    await click(admin, '#exit-open-submit');
    await admin.waitForSelector('#exit-evidence-error:has-text("请写明核查发现的虚假材料")');
    expect(await invoke<ExitCaseView[]>('listExitCases', { state: 'all' })).toHaveLength(before.length);

    const evidence = '民政部门核查回函：申报收入与社保缴费基数不符，隐瞒经营收入';
    await fill(admin, '#exit-evidence textarea', evidence);
    await click(admin, '#exit-open-submit');
    await admin.waitForSelector('[id^="exit-detail-"]');
    const caseId = (
      (await admin.locator('[id^="exit-detail-"]').first().getAttribute('id')) as string
    ).replace('exit-detail-', '');
    expect(await admin.locator(`#exit-detail-${caseId}`).textContent()).toContain(evidence);

    const opened = await invoke<ExitCaseView>('exitCase', { caseId });
    expect(opened).toMatchObject({
      stage: 'application',
      trigger: 'false_information',
      source: 'office',
      unitId: null,
      evidence,
      state: 'opened',
    });
    // The clause and consequences are the district's (the demo district's policy), shown on the page.
    expect(opened.clause).not.toBe('');
    expect(opened.consequences.length).toBeGreaterThan(0);
    const detail = (await admin.locator(`#exit-detail-${caseId}`).textContent()) ?? '';
    expect(detail).toContain(`条款：${opened.clause}`);
    for (const c of opened.consequences) expect(detail).toContain(c);
  });
});
