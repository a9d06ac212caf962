import type { MyRegistration } from '@shared/contracts';
import { click, confirmModal, draw, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * The allocation procedure in a real browser: the housing office creates a small project, imports units,
 * announces a round and runs the lottery; two applicants register and select units in turn (the server
 * clock is moved past the first window); the office publishes the results; signing waits for the notice to
 * end (选房 → 公示 → 签约), then one applicant signs the lease with a handwritten signature.
 */
describe('browser: announce → register → lottery → select in turn → publicise → sign', () => {
  let world: E2eWorld;
  let offset = 0;

  beforeAll(async () => {
    world = await startWorld(() => new Date(Date.now() + offset));
  });
  afterAll(async () => world?.close());
  const signIn = async (personaId: string) => (await world.signIn(personaId)).page;

  async function myRegistration(openid: string): Promise<MyRegistration> {
    const res = await world.server.host.invoke('allocation', { action: 'myRegistrations' }, { openid });
    if (!res.ok) throw new Error(res.error.message);
    return (res.data as MyRegistration[])[0]!;
  }

  it('runs the whole procedure', async () => {
    // The housing office: project, units, announcement.
    const admin = await signIn('u-admin');
    await click(admin, '#go-admin');
    await admin.waitForSelector('#admin');
    await fill(admin, '#project-name input', '测试小区');
    await fill(admin, '#project-address input', '武昌区测试路 8 号');
    await fill(admin, '#project-buildings input', '1栋,6');
    await click(admin, '#create-project');
    await admin.waitForSelector('text=测试小区');
    await fill(
      admin,
      '#units-csv textarea',
      [
        '楼栋,房号,楼层,面积,户型,朝向,市场租金',
        '1栋,101,1,42.5,一室一厅,南,1100',
        '1栋,102,1,45,两室一厅,南北通透,1200',
        '1栋,201,2,44,两室一厅,南,1150',
      ].join('\n'),
    );
    await click(admin, '#import-csv');
    await admin.waitForSelector('text=已导入 3 套');
    await fill(admin, '#round-title input', '测试小区首批配租');
    await fill(admin, '#round-description textarea', '面向低保和低收入住房困难家庭。');
    await click(admin, '#create-round');
    await confirmModal(admin);
    await admin.waitForSelector('#admin-round');
    const roundId = new URL(admin.url()).searchParams.get('id')!;

    // Two applicants register.
    const first = await signIn('u-applicant');
    const second = await signIn('u-applicant-2');
    for (const page of [first, second]) {
      await click(page, '#go-rounds');
      await click(page, `#round-${roundId}`);
      await click(page, '#register');
      await confirmModal(page);
      await page.waitForSelector('#registration-status');
      expect(await page.textContent('#registration-status')).toContain('已报名');
    }

    // Close, draw with the revealed seed, open selection with 30-minute windows.
    await admin.reload();
    await admin.waitForSelector('#close-registration');
    expect(await admin.textContent('#round-registrations')).toContain('2 户');
    await click(admin, '#close-registration');
    await confirmModal(admin);
    await admin.waitForSelector('#run-lottery');
    await click(admin, '#run-lottery');
    await confirmModal(admin);
    await admin.waitForSelector('#open-selection');
    expect(await admin.textContent('#round-status')).toContain('已摇号');
    await click(admin, '#open-selection');
    await confirmModal(admin);
    await admin.waitForSelector('text=选房中');

    // The lottery decides who chooses first.
    const regA = await myRegistration('demo-applicant');
    const [early, late, earlyOpenid] =
      regA.window!.turn === 1 ? [first, second, 'demo-applicant'] : [second, first, 'demo-applicant-2'];
    await early.reload();
    await early.waitForSelector('#tier-rank');
    expect(await early.textContent('#verify-command')).toContain('openssl dgst -sha256 -hmac');
    await click(early, '#go-select');
    await early.waitForSelector('.unit-card');
    expect(await early.locator('.unit-card').count()).toBe(3);
    await click(early, '.unit-card');
    await click(early, '#confirm-select');
    await confirmModal(early);
    await early.waitForSelector('#selected-unit');
    const chosen = (await early.textContent('#selected-unit'))!.split('（')[0]!;

    // The second applicant's window opens 30 minutes later: move the server clock past it.
    await late.reload();
    await click(late, '#go-select');
    await late.waitForSelector('.unit-card');
    await late.waitForFunction((label) => !document.body.innerText.includes(label), chosen); // taken units disappear
    expect(await late.locator('.unit-card').count()).toBe(2);
    await click(late, '.unit-card');
    await click(late, '#confirm-select');
    await confirmModal(late);
    await late.waitForSelector('text=尚未轮到您选房');
    await confirmModal(late);
    offset = 31 * 60_000;
    await click(late, '.unit-card');
    await click(late, '#confirm-select');
    await confirmModal(late);
    await late.waitForSelector('#selected-unit');

    // The office publishes the results for a 1-day notice.
    await admin.reload();
    await admin.waitForSelector('#publish');
    await fill(admin, '#notice-days input', '1');
    await click(admin, '#publish');
    await confirmModal(admin);
    await admin.waitForSelector('#notice');

    // During the notice the lease can be read but not signed, and the page says from when.
    await click(early, '#go-contract');
    await early.waitForSelector('#contract-text');
    expect(await early.textContent('#contract-text')).toContain(chosen);
    expect(await early.textContent('#signing-notice')).toContain('公示期满后方可签约');

    // The next day the notice is over: the first applicant signs with a handwritten signature.
    offset += 86_400_000;
    await early.reload();
    await early.waitForSelector('#contract-text');
    expect(await early.locator('#signing-notice').count()).toBe(0);
    await early.waitForSelector('#signature-pad canvas[style*="touch-action"]'); // the pad is ready to draw on
    const stroke = Array.from({ length: 21 }, (_, i) => [20 + i * 12, 40 + Math.sin(i) * 25] as const);
    await draw(early, '#signature-pad', stroke);
    await click(early, '#sign');
    await confirmModal(early);
    await early.waitForSelector('#digest-check');
    expect(await early.textContent('#digest-check')).toContain('摘要核验一致');
    await early.screenshot({ path: '/tmp/anju-contract-signed.png' });
    const signed = await myRegistration(earlyOpenid);
    expect(signed.status).toBe('signed');

    // The office sees the trail and the results.
    await admin.reload();
    await admin.waitForSelector('.result-row');
    expect(await admin.locator('.result-row').count()).toBe(2);
    expect(await admin.textContent('#audit')).toContain('摇号');
  });
});
