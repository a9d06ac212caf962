import type { MyRegistration } from '@shared/contracts';
import { confirmModal, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * The allocation procedure in a real browser: the housing office creates a small project, imports units,
 * announces a round and runs the lottery; two applicants register and select units in turn (the server
 * clock is moved past the first window); one signs the lease with a handwritten signature.
 */
describe('browser: announce → register → lottery → select in turn → sign', () => {
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
    await admin.click('#go-admin');
    await admin.waitForSelector('#admin');
    await admin.fill('#project-name input', '测试小区');
    await admin.fill('#project-address input', '武昌区测试路 8 号');
    await admin.fill('#project-buildings input', '1栋,6');
    await admin.click('#create-project');
    await admin.waitForSelector('text=测试小区');
    await admin.fill(
      '#units-csv textarea',
      [
        '楼栋,房号,楼层,面积,户型,朝向,市场租金',
        '1栋,101,1,42.5,一室一厅,南,1100',
        '1栋,102,1,45,两室一厅,南北通透,1200',
        '1栋,201,2,44,两室一厅,南,1150',
      ].join('\n'),
    );
    await admin.click('#import-csv');
    await admin.waitForSelector('text=已导入 3 套');
    await admin.fill('#round-title input', '测试小区首批配租');
    await admin.fill('#round-description textarea', '面向低保和低收入住房困难家庭。');
    await admin.click('#create-round');
    await confirmModal(admin);
    await admin.waitForSelector('#admin-round');
    const roundId = new URL(admin.url()).searchParams.get('id')!;

    // Two applicants register.
    const first = await signIn('u-applicant');
    const second = await signIn('u-applicant-2');
    for (const page of [first, second]) {
      await page.click('#go-rounds');
      await page.click(`#round-${roundId}`);
      await page.click('#register');
      await confirmModal(page);
      await page.waitForSelector('#registration-status');
      expect(await page.textContent('#registration-status')).toContain('已报名');
    }

    // Close, draw with the revealed seed, open selection with 30-minute windows.
    await admin.reload();
    await admin.waitForSelector('#close-registration');
    expect(await admin.textContent('#round-registrations')).toContain('2 户');
    await admin.click('#close-registration');
    await confirmModal(admin);
    await admin.waitForSelector('#run-lottery');
    await admin.click('#run-lottery');
    await confirmModal(admin);
    await admin.waitForSelector('#open-selection');
    expect(await admin.textContent('#round-status')).toContain('已摇号');
    await admin.click('#open-selection');
    await confirmModal(admin);
    await admin.waitForSelector('text=选房中');

    // The lottery decides who chooses first.
    const regA = await myRegistration('demo-applicant');
    const [early, late, earlyOpenid] =
      regA.window!.turn === 1 ? [first, second, 'demo-applicant'] : [second, first, 'demo-applicant-2'];
    await early.reload();
    await early.waitForSelector('#tier-rank');
    expect(await early.textContent('#verify-command')).toContain('openssl dgst -sha256 -hmac');
    await early.click('#go-select');
    await early.waitForSelector('.unit-card');
    expect(await early.locator('.unit-card').count()).toBe(3);
    await early.locator('.unit-card').first().click();
    await early.click('#confirm-select');
    await confirmModal(early);
    await early.waitForSelector('#selected-unit');
    const chosen = (await early.textContent('#selected-unit'))!.split('（')[0]!;

    // The second applicant's window opens 30 minutes later: move the server clock past it.
    await late.reload();
    await late.click('#go-select');
    await late.waitForSelector('.unit-card');
    await late.waitForFunction((label) => !document.body.innerText.includes(label), chosen); // taken units disappear
    expect(await late.locator('.unit-card').count()).toBe(2);
    await late.locator('.unit-card').first().click();
    await late.click('#confirm-select');
    await confirmModal(late);
    await late.waitForSelector('text=尚未轮到您选房');
    await confirmModal(late);
    offset = 31 * 60_000;
    await late.locator('.unit-card').first().click();
    await late.click('#confirm-select');
    await confirmModal(late);
    await late.waitForSelector('#selected-unit');

    // The first applicant signs with a handwritten signature.
    await early.click('#go-contract');
    await early.waitForSelector('#contract-text');
    expect(await early.textContent('#contract-text')).toContain(chosen);
    await early.waitForSelector('#signature-pad canvas[style*="touch-action"]'); // the pad is ready to draw on
    // The mouse draws at page coordinates inside the viewport: bring the pad into view first.
    await early.locator('#signature-pad').scrollIntoViewIfNeeded();
    const pad = await early.locator('#signature-pad').boundingBox();
    await early.mouse.move(pad!.x + 20, pad!.y + 40);
    await early.mouse.down();
    for (let i = 1; i <= 20; i++)
      await early.mouse.move(pad!.x + 20 + i * 12, pad!.y + 40 + Math.sin(i) * 25);
    await early.mouse.up();
    await early.click('#sign');
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
