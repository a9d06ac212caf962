import { COLLECTIONS } from '@shared/collections';
import { makeSignaturePng } from '../../factories/png.factory';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import {
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';

const START = '2026-11-22T02:00:00Z';
const photo = makeSignaturePng(40, 40, 3);
const MANAGER = 'wx-u-manager';
const OTHER_MANAGER = 'wx-u-manager-other';
const WORKER = 'wx-u-worker';

/** Staff see a tenant's phone only while handling that tenant's case (issue #17): the repair's worker or manager. */
describe('account.caseContact', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  beforeEach(async () => {
    t = await openTestHost(START);
    const d = await smallDistrict(t.db);
    [tenant, neighbour] = d.project.tenants as [TestTenant, TestTenant];
  });
  afterEach(() => t.close());

  it('the assigned worker and the project manager get the phone while the repair is open; nobody else, and not after', async () => {
    const filed = await t.call('repair', tenant.openid, 'file', {
      kind: 'repair',
      category: 'water',
      description: '卫生间水管漏水',
      emergency: false,
      preferredTimes: '',
      photos: [],
      clientRequestId: 'req-0001-contact',
    });
    const repairId = filed.data.id as string;
    const household = await t.doc<HouseholdDoc>(COLLECTIONS.households, tenant.householdId);
    const contact = (openid: string) => t.call('account', openid, 'caseContact', { repairId });

    expect((await contact(MANAGER)).data).toEqual({ name: tenant.name, phone: household?.phone });
    // Not yet assigned: the worker is not handling it.
    expect((await contact(WORKER)).error.code).toBe('NOT_FOUND');
    for (const other of [OTHER_MANAGER, neighbour.openid, tenant.openid, 'wx-u-admin'])
      expect((await contact(other)).error.code).toBe('NOT_FOUND');

    await t.call('repair', MANAGER, 'assign', {
      repairId,
      workerUserId: 'u-worker',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    expect((await contact(WORKER)).data.phone).toBe(household?.phone);

    expect((await t.call('repair', WORKER, 'start', { repairId })).ok).toBe(true);
    expect((await contact(WORKER)).ok).toBe(true);
    const done = await t.call('repair', WORKER, 'complete', {
      repairId,
      note: '已修好',
      afterPhotos: [await t.upload(WORKER, 'repair-photo', photo)],
    });
    expect(done.ok).toBe(true);
    expect((await t.doc<{ status: string }>(COLLECTIONS.repairs, repairId))?.status).toBe('done');
    expect((await contact(WORKER)).error.code).toBe('NOT_FOUND');
    expect((await contact(MANAGER)).error.code).toBe('NOT_FOUND');
  });
});
