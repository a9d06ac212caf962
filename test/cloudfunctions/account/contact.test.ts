import { COLLECTIONS } from '@shared/collections';
import { makeSignaturePng } from '../../factories/png.factory';
import {
  ADMIN,
  assignToWorker,
  contactWorld,
  fileRepair,
  MANAGER,
  WORKER,
} from '../../factories/contact.scenario';
import { addUser, type TestHost, type TestTenant } from '../../factories/scenario.factory';

const photo = makeSignaturePng(40, 40, 3);

/** Tenants call their repair's worker and their project's service desk; staff confirm a work phone (issue #17). */
describe('contact by telephone', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  let otherTenant: TestTenant;
  beforeEach(async () => void ({ t, tenant, neighbour, otherTenant } = await contactWorld()));
  afterEach(() => t.close());

  it('a worker confirms a work phone with WeChat; the tenant of the repair reaches it only while the repair is assigned or in progress', async () => {
    const repairId = await fileRepair(t, tenant.openid, 'req-contact-0001');
    const contact = (openid: string) => t.call('account', openid, 'workerContact', { repairId });

    // Submitted, no worker yet.
    const early = await contact(tenant.openid);
    expect(early.error.code).toBe('NOT_FOUND');
    expect(early.error.message).toContain('派单后');
    await assignToWorker(t, repairId);

    // Assigned, but the worker has no work phone: a message, not a number.
    const none = await contact(tenant.openid);
    expect(none.data).toEqual({ phone: null, message: expect.stringContaining('尚未登记工作电话') });

    // A code WeChat would not confirm changes nothing.
    const bad = await t.call('account', WORKER, 'confirmWorkPhone', { phoneCode: 'not-a-code' });
    expect(bad.error.code).toBe('RULE_VIOLATION');
    expect((await t.doc<{ phone?: string }>(COLLECTIONS.users, 'u-worker'))?.phone).toBeUndefined();

    const confirmed = await t.call('account', WORKER, 'confirmWorkPhone', {
      phoneCode: 'sandbox:13912345678',
    });
    expect(confirmed.data).toEqual({ phoneMasked: '139****5678' });
    expect((await t.doc<{ phone?: string }>(COLLECTIONS.users, 'u-worker'))?.phone).toBe('13912345678');
    const audits = await t.all<{ action: string; detail: string }>(COLLECTIONS.auditLog, {
      entityId: 'u-worker',
    });
    expect(audits.map((a) => a.action)).toEqual(['work_phone_confirmed']);
    expect(JSON.stringify(audits)).not.toContain('13912345678');
    // Confirming the same number again writes nothing more.
    await t.call('account', WORKER, 'confirmWorkPhone', { phoneCode: 'sandbox:13912345678' });
    expect(await t.count(COLLECTIONS.auditLog, { entityId: 'u-worker' })).toBe(1);

    expect((await contact(tenant.openid)).data).toEqual({ phone: '+8613912345678', message: '' });
    // A family member of the household too.
    const member = await addUser(t.db, {
      id: 'u-member',
      roles: ['tenant'],
      householdId: tenant.householdId,
    });
    expect((await contact(member.openid)).data.phone).toBe('+8613912345678');
    // Nobody else: a neighbour, another project's tenant, the staff, a stranger.
    for (const other of [neighbour.openid, otherTenant.openid, MANAGER, WORKER, ADMIN, 'wx-stranger'])
      expect((await contact(other)).error.code).toBe('NOT_FOUND');

    expect((await t.call('repair', WORKER, 'start', { repairId })).ok).toBe(true);
    expect((await contact(tenant.openid)).data.phone).toBe('+8613912345678');
    const after = await t.upload(WORKER, 'repair-photo', photo);
    const done = await t.call('repair', WORKER, 'complete', {
      repairId,
      note: '已修好',
      afterPhotos: [after],
    });
    expect(done.error).toBeUndefined();
    const closed = await contact(tenant.openid);
    expect(closed.error.code).toBe('NOT_FOUND');
    expect(closed.data).toBeUndefined();
  });

  it('only staff confirm a work phone; a tenant is refused and nothing is written', async () => {
    const before = await t.doc<{ phone?: string }>(COLLECTIONS.users, tenant.userId);
    const refused = await t.call('account', tenant.openid, 'confirmWorkPhone', {
      phoneCode: 'sandbox:13912345678',
    });
    expect(refused.error.code).toBe('NOT_FOUND');
    expect(await t.doc(COLLECTIONS.users, tenant.userId)).toEqual(before);
    for (const staff of [MANAGER, ADMIN])
      expect(
        (await t.call('account', staff, 'confirmWorkPhone', { phoneCode: 'sandbox:13700000001' })).ok,
      ).toBe(true);
  });

  it('the office sets a project service phone (mobile or landline with area code); its tenants reach it, others not', async () => {
    const service = (openid: string) => t.call('account', openid, 'serviceContact', {});
    const before = await service(tenant.openid);
    expect(before.data).toEqual({
      projectName: '测试家园',
      phone: null,
      message: expect.stringContaining('尚未登记服务电话'),
    });

    for (const wrong of ['88886666', '12345', '027-888', '2788886666', 'abc'])
      expect(
        (await t.call('allocation', ADMIN, 'setServicePhone', { projectId: 'p-test', servicePhone: wrong }))
          .error,
      ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('带区号的固定电话') });
    expect(
      (await t.doc<{ servicePhone?: string }>(COLLECTIONS.projects, 'p-test'))?.servicePhone,
    ).toBeUndefined();
    expect(
      (
        await t.call('allocation', MANAGER, 'setServicePhone', {
          projectId: 'p-test',
          servicePhone: '13800000000',
        })
      ).error.code,
    ).toBe('NOT_FOUND');

    const set = await t.call('allocation', ADMIN, 'setServicePhone', {
      projectId: 'p-test',
      servicePhone: '(027) 8888 6666',
    });
    expect(set.data).toEqual({ id: 'p-test', name: '测试家园', servicePhone: '027-88886666' });
    expect((await service(tenant.openid)).data).toEqual({
      projectName: '测试家园',
      phone: '027-88886666',
      message: '',
    });
    expect((await service(otherTenant.openid)).data.phone).toBeNull();
    for (const nobody of [MANAGER, 'wx-stranger'])
      expect((await service(nobody)).error.code).toBe('NOT_FOUND');

    const listed = await t.call('allocation', ADMIN, 'listProjects', {});
    expect(listed.data.find((p: { id: string }) => p.id === 'p-test').servicePhone).toBe('027-88886666');
    const cleared = await t.call('allocation', ADMIN, 'setServicePhone', {
      projectId: 'p-test',
      servicePhone: '',
    });
    expect(cleared.data.servicePhone).toBe('');
    expect((await service(tenant.openid)).data.phone).toBeNull();

    const created = await t.call('allocation', ADMIN, 'createProject', {
      name: '新苑',
      address: '新路 1 号',
      servicePhone: '13800000000',
      buildings: [{ name: '1栋', floors: 6, highRise: false }],
    });
    expect(
      (await t.doc<{ servicePhone?: string }>(COLLECTIONS.projects, created.data.id))?.servicePhone,
    ).toBe('13800000000');
  });
});
