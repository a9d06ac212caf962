import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { COLLECTIONS } from '@shared/collections';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import { makeSignaturePng } from '../factories/png.factory';
import { attachFile, click, confirmModal, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(300_000);

/**
 * Safety patrols in a real browser (武昌调研报告 二(三)三): the housing office generates next quarter's plan;
 * on the quarter's first Monday a volunteer logs two visits (one with a hazard reported with a photo) and,
 * with the phone offline, a third ("nobody home") that is saved on the phone and sent once when the network
 * returns; the manager assigns, rectifies with an after-photo and rechecks the hazard; the coverage report
 * shows the numbers the backend holds.
 */
describe('browser: plan → volunteer visits (one hazard, one offline) → hazard closed → coverage', () => {
  let world: E2eWorld;
  let clock = new Date('2026-12-28T02:00:00Z'); // Monday 10:00 in Beijing, still 2026-Q4
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anju-patrol-'));
  const photoFile = path.join(dir, 'hose.png');
  writeFileSync(photoFile, makeSignaturePng(320, 240, 5));

  beforeAll(async () => {
    world = await startWorld(() => clock);
  });
  afterAll(async () => world?.close());
  const signIn = (personaId: string) => world.signIn(personaId, clock); // the phone's clock agrees with the server's
  const attach = (page: Page, button: string) => attachFile(page, button, photoFile);

  const db = () => world.server.host.runtime.db;
  const countWhere = async (collection: string, where: Record<string, unknown>) =>
    (await db().collection(collection).where(where).count()).total;

  it('runs a quarter’s patrol', async () => {
    // 1. The housing office generates the 2027-Q1 plan from the page.
    const { page: admin } = await signIn('u-admin');
    await click(admin, '#go-patrol-admin');
    await admin.waitForSelector('#patrol-admin');
    await click(admin, '#quarter-2027-Q1'); // the quarter is tapped, not typed (issue #19)
    await admin.waitForSelector('text=2027年第一季度还没有巡查计划。');
    await click(admin, '#generate-plan');
    await confirmModal(admin);
    await admin.waitForSelector('#run-q-2027-Q1');
    const unitStops = await countWhere(COLLECTIONS.patrolStops, { planId: 'q-2027-Q1', target: 'unit' });
    const occupied = await countWhere(COLLECTIONS.units, { status: 'occupied' });
    expect(unitStops).toBe(occupied); // every occupied unit once
    expect(await admin.locator('#run-q-2027-Q1 .run-numbers').textContent()).toContain(`${unitStops} 户`);
    // Generating again writes nothing new.
    await click(admin, '#generate-plan');
    await confirmModal(admin);
    await admin.waitForSelector('text=本季度计划已存在，未重复生成');
    expect(await countWhere(COLLECTIONS.patrolStops, { planId: 'q-2027-Q1', target: 'unit' })).toBe(
      unitStops,
    );

    // 2. The quarter's first Monday: the volunteer's route for today.
    clock = new Date('2027-01-04T02:00:00Z');
    const { page: vol, context: volContext } = await signIn('u-volunteer');
    await click(vol, '#go-patrol');
    await vol.waitForSelector('#patrol-today');
    await vol.waitForSelector('.visit-card');
    const visitIds = (await vol.locator('.visit-card').evaluateAll((els) => els.map((e) => e.id))).map((id) =>
      id.replace(/^visit-/, ''),
    );
    const homeVisits = visitIds.filter((id) => !id.includes('-pub-'));
    expect(homeVisits.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = homeVisits as [string, string, string];

    // First visit: everything in order, each item tapped 正常 (none is preset; saving earlier is refused).
    await click(vol, `#visit-${first}`);
    await vol.waitForSelector('#patrol-visit');
    await click(vol, '#save-visit');
    await vol.waitForSelector(`text=还有 ${HOME_VISIT_CHECKLIST.length} 项未选择检查结果`);
    await vol.waitForSelector('#occupancy-error:has-text("请选择这户是否有人居住")');
    for (const c of HOME_VISIT_CHECKLIST) await click(vol, `#check-${c.id}-ok`);
    await click(vol, '#occupancy-lived_in');
    await click(vol, '#save-visit');
    await vol.waitForSelector('#patrol-today');
    await vol.waitForSelector(`#visit-${first} >> text=已走访`);

    // Second visit: the gas hose is cracked → a serious hazard with a photo.
    await click(vol, `#visit-${second}`);
    await vol.waitForSelector('#patrol-visit');
    await click(vol, '#check-gas-problem');
    await fill(vol, '#check-gas-note input', '燃气软管老化开裂');
    for (const c of HOME_VISIT_CHECKLIST.slice(1)) await click(vol, `#check-${c.id}-ok`);
    await click(vol, '#occupancy-lived_in');
    await click(vol, '#save-visit');
    await vol.waitForSelector('text=是否上报安全隐患？');
    await confirmModal(vol);
    await vol.waitForSelector('#hazard-new');
    expect(await vol.locator('#hazard-description textarea').inputValue()).toBe('燃气软管老化开裂');
    await click(vol, '#submit-hazard');
    await vol.waitForSelector('text=请选择严重程度。');
    await click(vol, '#severity-serious');
    await attach(vol, '#add-hazard-photos');
    await vol.waitForSelector('#hazard-new .photo-img');
    await click(vol, '#submit-hazard');
    await vol.waitForSelector('#patrol-today');
    const hazards = (
      await db().collection(COLLECTIONS.hazards).where({ reporterUserId: 'u-volunteer' }).get()
    ).data as { _id: string; severity: string; photoFileIds: string[]; visitId: string }[];
    expect(hazards).toHaveLength(1);
    expect(hazards[0]).toMatchObject({ severity: 'serious', visitId: second });
    expect(hazards[0]!.photoFileIds).toHaveLength(1);
    const hazardId = hazards[0]!._id;

    // Third visit with no signal: nobody home, saved on the phone, sent once when the network returns.
    await volContext.setOffline(true);
    await click(vol, `#visit-${third}`);
    await vol.waitForSelector('#patrol-visit');
    await click(vol, '#outcome-nobody_home');
    await click(vol, '#occupancy-unsure');
    await click(vol, '#save-visit');
    await vol.waitForSelector('#patrol-today');
    await vol.waitForSelector('#offline-banner');
    await vol.waitForSelector('#outbox-count:has-text("1")');
    await vol.waitForSelector(`#visit-${third} >> text=待上传`);
    expect(await countWhere(COLLECTIONS.patrolVisits, { visitId: third })).toBe(0);
    // The network returns: the page's `online` listener sends the outbox without a tap.
    await volContext.setOffline(false);
    await vol.waitForSelector('#outbox', { state: 'detached' });
    await vol.waitForSelector(`#visit-${third} >> text=无人在家`);
    expect(await countWhere(COLLECTIONS.patrolVisits, { visitId: third })).toBe(1);
    // Showing the page again (which flushes the outbox) does not send it twice.
    await vol.reload();
    await vol.waitForSelector(`#visit-${third} >> text=无人在家`);
    expect(await countWhere(COLLECTIONS.patrolVisits, { visitId: third })).toBe(1);

    // 3. The manager closes the hazard: assign, rectify with an after-photo, recheck.
    const { page: mgr } = await signIn('u-manager');
    await click(mgr, '#go-patrol-admin');
    await mgr.waitForSelector('#patrol-admin');
    await click(mgr, '#go-hazards');
    await mgr.waitForSelector(`#hazard-${hazardId}`);
    await click(mgr, `#open-${hazardId}`);
    await fill(mgr, `#assignee-${hazardId} input`, '燃气公司');
    await click(mgr, `#assign-${hazardId}`);
    await mgr.waitForSelector(`#hazard-${hazardId} >> text=整改中`); // the card stays open
    await fill(mgr, `#rectify-note-${hazardId} textarea`, '已更换燃气软管');
    await click(mgr, `#rectify-${hazardId}`);
    await mgr.waitForSelector('text=请至少添加一张整改后照片');
    await attach(mgr, `#after-photos-${hazardId}`);
    await mgr.waitForSelector(`#hazard-${hazardId} .photo-img`);
    await click(mgr, `#rectify-${hazardId}`);
    await mgr.waitForSelector(`#hazard-${hazardId} >> text=待复查`);
    await click(mgr, `#recheck-pass-${hazardId}`);
    await confirmModal(mgr);
    await mgr.waitForSelector(`#hazard-${hazardId} >> text=已销号`);

    // 4. The coverage report shows the backend's numbers.
    await mgr.goBack();
    await mgr.waitForSelector('#patrol-admin');
    await click(mgr, '#quarter-2027-Q1');
    await click(mgr, '#go-coverage');
    await mgr.waitForSelector('#coverage-p-huimin');
    const res = await world.server.host.invoke(
      'patrol',
      { action: 'coverage', quarter: '2027-Q1', projectId: 'p-huimin' },
      { openid: 'demo-manager' },
    );
    if (!res.ok) throw new Error(res.error.message);
    const row = (res.data as { projects: Record<string, number>[] }).projects[0]!;
    expect(row).toMatchObject({ unitsVisited: 2, attempts: 3, nobodyHomeAttempts: 1 });
    expect(row).toMatchObject({ hazardsFound: 1, hazardsClosed: 1 });
    const card = mgr.locator('#coverage-p-huimin');
    expect(await card.locator('.cov-units').textContent()).toBe(`2/${row.unitsDue}`);
    expect(await card.locator('.cov-hazards').textContent()).toBe('1/1');
    expect(await card.locator('.cov-nobody').textContent()).toBe('33.3%');

    // 5. The manager registers a resident for special care from a search of the project's households.
    await mgr.goBack();
    await mgr.waitForSelector('#patrol-admin');
    await click(mgr, '#go-care-registry');
    await mgr.waitForSelector('#care-register');
    await click(mgr, '#care-search-go');
    await mgr.waitForSelector('#care-register .candidate');
    const candidate = mgr.locator('#care-register .candidate:not(:has-text("已在名单"))').first();
    const householdId = (await candidate.getAttribute('id'))!.replace(/^candidate-/, '');
    await click(mgr, candidate);
    await click(mgr, '#care-save');
    // Nothing saved without a reason and a contact (the reason may come prefilled from the rules).
    // Each missing field says so under itself (issue #19).
    expect(await mgr.locator('#care-register .field-error').first().textContent()).toMatch(
      /^(请填写纳入关爱的原因。|请填写紧急联系人。)$/,
    );
    // The reasons are several-choice chips writing into the reason field: clear what came prefilled, tick one.
    await fill(mgr, '#care-reason input', '');
    await click(mgr, '#care-reason-1');
    expect(await mgr.locator('#care-reason-1').getAttribute('aria-checked')).toBe('true');
    await fill(mgr, '#care-contact-name input', '王芳');
    await fill(mgr, '#care-contact-relation input', '女儿');
    await fill(mgr, '#care-contact-phone input', '13800001111');
    await click(mgr, '#care-save');
    await confirmModal(mgr);
    await mgr.waitForSelector(`#care-care-${householdId}`);
    const entry = (await db().collection(COLLECTIONS.careRegistry).doc(`care-${householdId}`).get())
      .data[0] as { reason: string; active: boolean; contacts: { phone: string }[]; cadenceDays: number };
    expect(entry).toMatchObject({ reason: '孤寡独居', active: true, cadenceDays: 7 });
    expect(entry.contacts[0]!.phone).toBe('13800001111');
  });
});
