import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { COLLECTIONS } from '@shared/collections';
import { imageSize } from '../factories/image-size';
import { makeSignaturePng } from '../factories/png.factory';
import { attachFile, click, confirmModal, fill, startWorld, type E2eWorld } from './browser';
import { pickDate } from './pick-date';

jest.setTimeout(240_000);

/**
 * Repairs in a real browser (武昌调研报告 二(一)二): a tenant files a request with a photo (compressed in the
 * page), the manager assigns it to a worker, the worker completes it with an after-photo, and the tenant
 * confirms and rates it; the manager's statistics count it.
 */
describe('browser: file with photo → assign → complete with photo → confirm and rate', () => {
  let world: E2eWorld;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anju-photo-'));
  const photoFile = path.join(dir, 'leak.png');
  // A camera-sized picture: the page must scale it to 1280 px on its long side before uploading it.
  writeFileSync(photoFile, makeSignaturePng(3000, 2000, 11));

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());
  const signIn = async (personaId: string) => (await world.signIn(personaId)).page;
  const attach = (page: Page, button: string) => attachFile(page, button, photoFile);

  it('runs the whole loop', async () => {
    const tenant = await signIn('u-tenant');
    await click(tenant, '#go-repairs');
    await tenant.waitForSelector('#repairs');
    await click(tenant, '#new-repair');
    await tenant.waitForSelector('#repair-new');
    await click(tenant, '#submit-repair');
    await tenant.waitForSelector('text=请选择报修类别。');
    await click(tenant, '#category-doors_windows');
    await fill(tenant, '#description textarea', '阳台推拉门滑轮坏了，关不上');
    await fill(tenant, '#preferred-times input', '周末上午');
    await attach(tenant, '#add-photos');
    await tenant.waitForSelector('#repair-new .photo-img');
    await click(tenant, '#submit-repair');
    await confirmModal(tenant);
    await tenant.waitForSelector('#repair-detail');
    await tenant.waitForSelector('#repair-status:has-text("已提交")');
    const repairId = new URL(tenant.url()).searchParams.get('id')!;
    expect(repairId).toMatch(/^rep-/);
    // The photo was compressed to a 1280 × 853 JPEG in the page, uploaded to the tenant's own folder and
    // recorded under the request by its file ID; the view answers a temporary address, not the bytes.
    const doc = (await world.server.host.runtime.db.collection(COLLECTIONS.repairs).doc(repairId).get())
      .data[0] as { photoFileIds: string[] };
    expect(doc.photoFileIds).toEqual([expect.stringMatching(/^cloud:\/\/anju-local\.[^/]+\/repairs\//)]);
    const jpeg = await world.server.host.runtime.storage.download(doc.photoFileIds[0]!);
    expect(imageSize(jpeg)).toEqual({ width: 1280, height: 853, type: 'jpeg' });
    const stored = await world.server.host.invoke(
      'repair',
      { action: 'photo', repairId, which: 'before', index: 0 },
      { openid: 'demo-tenant' },
    );
    expect(stored).toMatchObject({
      ok: true,
      data: { contentType: 'image/jpeg', url: expect.stringMatching(/^\/storage\//) },
    });

    // The manager assigns it from the board.
    const manager = await signIn('u-manager');
    await click(manager, '#go-repair-board');
    await manager.waitForSelector('#repair-board');
    await click(manager, `#repair-${repairId}`);
    await manager.waitForSelector('#manager-actions');
    await click(manager, '#worker-u-worker');
    // The visit time is no longer typed (issue #19): the field offers tomorrow 09:00 Beijing time, in words;
    // the manager turns the wheels to the day after tomorrow, 14:35, as a person would.
    const visitDay = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    expect(await manager.textContent('#visit-at-value')).toContain(
      `${Number(visitDay.slice(5, 7))}月${Number(visitDay.slice(8, 10))}日 09:00`,
    );
    const pickedDay = new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    await pickDate(manager, '#visit-at', `${pickedDay} 14:35`);
    expect(await manager.textContent('#visit-at-value')).toContain(
      `${Number(pickedDay.slice(0, 4))}年${Number(pickedDay.slice(5, 7))}月${Number(pickedDay.slice(8, 10))}日 14:35`,
    );
    await click(manager, '#assign');
    await confirmModal(manager);
    await manager.waitForSelector('#repair-status:has-text("已派单")');
    await manager.waitForSelector('#repair-worker:has-text("孙强")');
    const assigned = (await world.server.host.runtime.db.collection(COLLECTIONS.repairs).doc(repairId).get())
      .data[0] as { visitAt: string };
    expect(new Date(assigned.visitAt).toISOString()).toBe(
      new Date(`${pickedDay}T14:35:00+08:00`).toISOString(),
    );

    // The worker sees it in their task list, starts and completes it with a photo.
    const worker = await signIn('u-worker');
    await click(worker, '#go-repair-board');
    await worker.waitForSelector('#repair-board');
    await click(worker, `#repair-${repairId}`);
    await worker.waitForSelector('#worker-actions');
    await click(worker, '#start');
    await worker.waitForSelector('#repair-status:has-text("维修中")');
    await fill(worker, '#complete-note textarea', '更换滑轮两只');
    await attach(worker, '#add-after-photos');
    await worker.waitForSelector('#worker-actions .photo-img');
    await click(worker, '#complete');
    await confirmModal(worker);
    await worker.waitForSelector('#repair-status:has-text("已完成待确认")');

    // The tenant confirms and rates it.
    await tenant.reload(); // the tenant still has the request open
    await tenant.waitForSelector('#tenant-confirm');
    await click(tenant, '#show-photos-after');
    await tenant.waitForSelector('#photos-after .photo-img');
    // The after-photo shows from its temporary address (loaded, not a broken image).
    await tenant.waitForFunction(() => {
      const img = document.querySelector('#photos-after .photo-img img') as HTMLImageElement | null;
      return Boolean(img && img.complete && img.naturalWidth > 0);
    });
    await click(tenant, '#rate-poor');
    await click(tenant, '#reason-slow');
    await click(tenant, '#confirm-repair');
    await tenant.waitForSelector('#repair-status:has-text("已确认")');
    await tenant.waitForSelector('#repair-rating:has-text("太慢")');
    const timeline = await tenant.locator('#timeline .timeline-item').allTextContents();
    expect(timeline.map((t) => t.split(' · ')[0])).toEqual([
      '已提交',
      '已派单',
      '维修中',
      '已完成待确认',
      '已确认',
    ]);

    // The manager's statistics count the rating.
    await manager.goto(world.server.url + '/');
    await manager.reload();
    await click(manager, '#go-repair-board');
    await click(manager, '#go-repair-stats');
    await manager.waitForSelector('#by-category-doors_windows');
    const row = await manager.locator('#by-category-doors_windows').textContent();
    expect(row).toContain('门窗');
    expect(row).toMatch(/\/1$/); // one poor rating
  });
});
