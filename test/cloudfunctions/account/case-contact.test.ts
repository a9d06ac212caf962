import { COLLECTIONS } from '@shared/collections';
import { makeSignaturePng } from '../../factories/png.factory';
import { uploadAs } from '../../factories/upload.factory';
import {
  ADMIN,
  assignToWorker,
  contactWorld,
  fileRepair,
  MANAGER,
  OTHER_MANAGER,
  WORKER,
} from '../../factories/contact.scenario';
import type { TestHost, TestTenant } from '../../factories/scenario.factory';

const photo = makeSignaturePng(40, 40, 3);

/** Staff see a tenant's phone only while handling that tenant's case (issue #17): the repair's worker or manager. */
describe('account.caseContact', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  let phone: string;
  beforeEach(async () => void ({ t, tenant, neighbour, phone } = await contactWorld()));
  afterEach(() => t.close());

  it('the assigned worker and the project manager get the phone while the repair is open; nobody else, and not after', async () => {
    const repairId = await fileRepair(t, tenant.openid, 'req-0001-contact');
    const contact = (openid: string) => t.call('account', openid, 'caseContact', { repairId });

    expect((await contact(MANAGER)).data).toEqual({ name: tenant.name, phone });
    // Not yet assigned: the worker is not handling it.
    expect((await contact(WORKER)).error.code).toBe('NOT_FOUND');
    for (const other of [OTHER_MANAGER, neighbour.openid, tenant.openid, ADMIN])
      expect((await contact(other)).error.code).toBe('NOT_FOUND');

    await assignToWorker(t, repairId);
    expect((await contact(WORKER)).data.phone).toBe(phone);

    expect((await t.call('repair', WORKER, 'start', { repairId })).ok).toBe(true);
    expect((await contact(WORKER)).ok).toBe(true);
    const done = await t.call('repair', WORKER, 'complete', {
      repairId,
      note: '已修好',
      afterPhotos: [await uploadAs(t.host, WORKER, 'repair-photo', photo)],
    });
    expect(done.ok).toBe(true);
    expect((await t.doc<{ status: string }>(COLLECTIONS.repairs, repairId))?.status).toBe('done');
    expect((await contact(WORKER)).error.code).toBe('NOT_FOUND');
    expect((await contact(MANAGER)).error.code).toBe('NOT_FOUND');
  });
});
