import { COLLECTIONS } from '@shared/collections';
import { PEOPLE_OPERATOR_DEFAULTS, PRIVACY_NOTICE } from '@shared/rules/people.rule';
import type { UserDoc } from '../../../cloudfunctions/_runtime/caller';
import type { AuditDoc, HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import { SANDBOX_PHONE_PREFIX, DEMO_SETUP_CODE } from '../../../cloudfunctions/_local/local-people.adapter';
import { makeHousehold, makeLease } from '../../factories/housing.factory';
import { makeIdNumber } from '../../factories/people.factory';
import { createRng } from '../../factories/rng';
import { addProject, addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

const NOW = '2026-11-22T02:00:00Z'; // 10:00 in Beijing
/** A household the office holds, whose head has not bound a WeChat account yet. */
const HEAD = { name: '欧阳明', idNumber: '42010619800101004X', phone: '13900001111' };
/** An adult (born 1990) and a minor (born 2012) with valid check digits. */
const ADULT_ID = makeIdNumber(createRng(1), 1990);
const MINOR_ID = makeIdNumber(createRng(2), 2012);

let t: TestHost;

async function dump(): Promise<string> {
  const parts: string[] = [];
  for (const c of Object.values(COLLECTIONS)) parts.push(c, JSON.stringify(await t.all(c)));
  return parts.join('\n');
}

/** One project (p1, manager mgr, two let units with bound tenants), project p2, the office, and an unbound household. */
async function world() {
  const p1 = await addProject(t.db, { id: 'p1', tenants: 1 });
  await addProject(t.db, { id: 'p2', tenants: 0 });
  await addUser(t.db, { id: 'admin', roles: ['admin'], name: '赵磊', openid: 'o-admin' });
  await addUser(t.db, { id: 'mgr', roles: ['manager'], name: '张敏', openid: 'o-mgr', projectIds: ['p1'] });
  const unit = p1.vacantUnitIds[0] as string;
  const h = makeHousehold(createRng(9), {
    _id: 'h-new',
    headName: HEAD.name,
    idNumber: HEAD.idNumber,
    phone: HEAD.phone,
    status: 'tenant',
  });
  const { _id, ...body } = h;
  await t.db.collection(COLLECTIONS.households).doc(_id).set(body);
  const { _id: leaseId, ...lease } = makeLease({
    _id: 'l-new',
    householdId: 'h-new',
    unitId: unit,
    projectId: 'p1',
    monthlyRentFen: 500_00,
  });
  await t.db.collection(COLLECTIONS.leases).doc(leaseId).set(lease);
  return { p1 };
}

const consentAll = async (openid: string) => {
  for (const kind of ['personal', 'sensitive'])
    expect((await t.call('account', openid, 'consent', { kind, version: PRIVACY_NOTICE.version })).ok).toBe(
      true,
    );
};
const bind = (openid: string, over: Partial<typeof HEAD> = {}) => {
  const p = { ...HEAD, ...over };
  return t.call('account', openid, 'bindHousehold', {
    name: p.name,
    idNumber: p.idNumber,
    phoneCode: `${SANDBOX_PHONE_PREFIX}${p.phone}`,
  });
};
const invite = (
  openid: string,
  role: string,
  projectIds: string[],
  clientRequestId = `req-${role}-${projectIds.join('')}`,
) =>
  t.call('account', openid, 'createInvitation', {
    role,
    projectIds,
    note: '',
    validDays: 7,
    clientRequestId,
  });
const audits = async (action: string) =>
  (await t.all<AuditDoc>(COLLECTIONS.auditLog)).filter((a) => a.action === action);

beforeEach(async () => {
  t = await openTestHost(NOW);
  await world();
});
afterEach(() => t.close());

describe('a stranger becomes a tenant by binding to the household the office holds', () => {
  it('consents, binds with name, ID number and the phone WeChat confirms, and sees the tenant home', async () => {
    const me0 = await t.call('account', 'o-stranger', 'me');
    expect(me0.data.user).toMatchObject({ name: '新用户', roles: [] });
    // Without consent nothing is checked or written.
    const before = await dump();
    const early = await bind('o-stranger');
    expect(early.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('敏感个人信息'),
    });
    expect(await dump()).toBe(before);

    await consentAll('o-stranger');
    const wrongPhone = await bind('o-stranger', { phone: '13900002222' });
    expect(wrongPhone.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('还可尝试 4 次'),
    });

    const ok = await bind('o-stranger');
    expect(ok.ok).toBe(true);
    expect(ok.data.household).toMatchObject({
      id: 'h-new',
      relation: 'head',
      idNumberMasked: '420106********004X',
    });
    expect(JSON.stringify(ok.data)).not.toContain(HEAD.idNumber);
    const me = await t.call('account', 'o-stranger', 'me');
    expect(me.data.user).toMatchObject({ name: HEAD.name, roles: ['tenant'], householdRelation: 'head' });
    expect(me.data.tenant.household.id).toBe('h-new');
    expect((await audits('bound')).length).toBe(1);
    expect((await audits('bind_failed')).length).toBe(1);
    // A retried tap changes nothing; a second WeChat account cannot take the same household.
    const again = await dump();
    expect((await t.call('account', 'o-stranger', 'myData')).data.household.id).toBe('h-new');
    expect(await dump()).toBe(again);
    await consentAll('o-other');
    expect((await bind('o-other')).error.code).toBe('CONFLICT');

    // The office sees the binding, masked; unbinding takes the tenant role away on the next call.
    const seen = await t.call('account', 'o-admin', 'bindings');
    expect(seen.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ householdId: 'h-new', headName: HEAD.name, relation: 'head' }),
      ]),
    );
    expect(JSON.stringify(seen.data)).not.toContain(HEAD.idNumber);
    expect((await t.call('account', 'o-stranger', 'unbindHousehold')).data.household).toBeNull();
    expect((await t.call('account', 'o-stranger', 'me')).data).toMatchObject({
      user: { roles: [] },
      tenant: null,
    });
  });

  it('refuses a household whose head is already bound (a user linked before binding documents existed)', async () => {
    await addUser(t.db, { id: 'u-earlier', roles: ['tenant'], openid: 'o-earlier', householdId: 'h-new' });
    await consentAll('o-stranger');
    expect((await bind('o-stranger')).error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已由另一个微信账号绑定'),
    });
    expect((await t.call('account', 'o-stranger', 'myData')).data.household).toBeNull();
  });

  it('refuses a malformed ID number at the contract and writes nothing', async () => {
    await consentAll('o-stranger');
    const before = await dump();
    for (const idNumber of [
      '420106198001010010',
      '4201061980010100',
      '42010619801301001X',
      'ABCDEFGHIJKLMNOPQR',
    ]) {
      const res = await bind('o-stranger', { idNumber });
      expect(res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { idNumber: expect.any(String) } });
    }
    expect(await dump()).toBe(before);
  });

  it(`limits wrong attempts to ${PEOPLE_OPERATOR_DEFAULTS.bindingAttemptsPerDay} a day per person and per household, each audited`, async () => {
    const limit = PEOPLE_OPERATOR_DEFAULTS.bindingAttemptsPerDay;
    await consentAll('o-prober');
    for (let i = 0; i < limit; i++)
      expect((await bind('o-prober', { name: `错名${i}` })).error.code).toBe('RULE_VIOLATION');
    // The right answer no longer helps today, and nothing is bound.
    expect((await bind('o-prober')).error.code).toBe('RATE_LIMITED');
    expect((await t.call('account', 'o-prober', 'myData')).data.household).toBeNull();
    expect((await audits('bind_failed')).length).toBe(limit);
    expect((await audits('bind_limited')).length).toBe(1);
    // Per household: other people probing the same ID number are stopped as well.
    await consentAll('o-real');
    expect((await bind('o-real')).error.code).toBe('RATE_LIMITED');
    // No audit entry carries what was typed.
    const trail = JSON.stringify(await t.all(COLLECTIONS.auditLog));
    expect(trail).not.toContain(HEAD.idNumber);
    expect(trail).not.toContain('错名');
    // The next China day the head can bind.
    t.clock.set('2026-11-22T16:00:01Z');
    expect((await bind('o-real')).ok).toBe(true);
  });
});

describe('family members (代缴/代办)', () => {
  it('the head invites an adult, who then sees the household; a minor is refused; the head removes the member', async () => {
    await consentAll('o-head');
    expect((await bind('o-head')).ok).toBe(true);
    const inv = await invite('o-head', 'family', []);
    expect(inv.data).toMatchObject({
      role: 'family',
      status: 'open',
      path: `/pages/join/index?code=${inv.data.code}`,
    });

    await consentAll('o-child');
    const before = await dump();
    const bare = await t.call('account', 'o-child', 'acceptInvitation', { code: inv.data.code });
    expect(bare.error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { name: '请填写您的姓名', idNumber: '请填写您的身份证号码' },
    });
    const minor = await t.call('account', 'o-child', 'acceptInvitation', {
      code: inv.data.code,
      name: '欧阳小',
      idNumber: MINOR_ID,
    });
    expect(minor.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('18 周岁'),
    });
    expect(await dump()).toBe(before);

    const ok = await t.call('account', 'o-child', 'acceptInvitation', {
      code: inv.data.code.toLowerCase(),
      name: '欧阳子',
      idNumber: ADULT_ID,
    });
    expect(ok.data).toMatchObject({ role: 'family', roles: ['tenant'] });
    const me = await t.call('account', 'o-child', 'me');
    expect(me.data.tenant.household.id).toBe('h-new');
    expect(me.data.user.householdRelation).toBe('member');
    const mine = await t.call('account', 'o-child', 'myData');
    expect(mine.data.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(mine.data)).not.toContain(ADULT_ID);
    const stored = await t.all<UserDoc>(COLLECTIONS.users, { openid: 'o-child' });
    expect(JSON.stringify(stored)).not.toContain(ADULT_ID);

    const members = await t.call('account', 'o-head', 'familyMembers');
    expect(members.data).toEqual([expect.objectContaining({ name: '欧阳子' })]);
    // The code is spent.
    await consentAll('o-third');
    const spent = await t.call('account', 'o-third', 'acceptInvitation', {
      code: inv.data.code,
      name: '某人',
      idNumber: ADULT_ID,
    });
    expect(spent.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('已被使用'),
    });

    const removed = await t.call('account', 'o-head', 'removeFamilyMember', {
      userId: members.data[0].userId,
    });
    expect(removed.data).toEqual([]);
    expect((await t.call('account', 'o-child', 'me')).data).toMatchObject({
      user: { roles: [] },
      tenant: null,
    });
  });
});

describe('staff by invitation', () => {
  it('the office invites a manager; the stranger who accepts manages exactly that project; revoking works on the next call', async () => {
    const inv = await invite('o-admin', 'manager', ['p2']);
    expect(inv.data).toMatchObject({
      role: 'manager',
      roleLabel: '物业管家',
      projectNames: ['p2家园'],
      status: 'open',
    });
    // A retried tap answers the same invitation.
    expect((await invite('o-admin', 'manager', ['p2'])).data.code).toBe(inv.data.code);

    const ok = await t.call('account', 'o-new-mgr', 'acceptInvitation', { code: inv.data.code });
    expect(ok.data).toMatchObject({ role: 'manager', roles: ['manager'] });
    const me = await t.call('account', 'o-new-mgr', 'me');
    expect(me.data.projects.map((p: { id: string }) => p.id)).toEqual(['p2']);
    expect((await audits('role_granted')).length).toBe(1);
    const list = await t.call('account', 'o-admin', 'invitations');
    expect(list.data[0]).toMatchObject({ status: 'accepted', statusLabel: '已接受' });

    const staff = await t.call('account', 'o-admin', 'staff');
    const row = staff.data.find((r: { name: string; userId: string }) => r.name === '新用户');
    const revoked = await t.call('account', 'o-admin', 'revokeRole', { userId: row.userId, role: 'manager' });
    expect(revoked.data.roles).toEqual([]);
    expect((await t.call('account', 'o-new-mgr', 'me')).data.projects).toEqual([]);
    expect((await t.call('account', 'o-new-mgr', 'staff')).error.code).toBe('NOT_FOUND');
  });

  it('refuses a role the inviter may not grant, a project it does not manage, a spent, revoked or expired code: nothing changes', async () => {
    const before = await dump();
    const admin = await invite('o-mgr', 'admin', []);
    expect(admin.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('不能邀请“住房保障部门”'),
    });
    const otherProject = await invite('o-mgr', 'volunteer', ['p2']);
    expect(otherProject.error).toMatchObject({ code: 'NOT_FOUND', message: '只能邀请到您负责的项目。' });
    const tenant = await invite('wx-p1-t1', 'volunteer', ['p1']);
    expect(tenant.error.code).toBe('NOT_FOUND');
    expect(await dump()).toBe(before);
    // An unknown code changes no role (it is counted against guessing: invitation-guessing.test.ts).
    const unknown = await t.call('account', 'o-x', 'acceptInvitation', { code: 'ABCDEFGH' });
    expect(unknown.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('邀请码不存在'),
    });

    const vol = await invite('o-mgr', 'volunteer', ['p1']);
    expect(vol.ok).toBe(true);
    const revoked = await invite('o-mgr', 'worker', ['p1']);
    expect(
      (await t.call('account', 'o-mgr', 'revokeInvitation', { invitationId: revoked.data.id })).data.status,
    ).toBe('revoked');
    expect(
      (await t.call('account', 'o-x', 'acceptInvitation', { code: revoked.data.code })).error,
    ).toMatchObject({
      code: 'STATE_INVALID',
      message: '该邀请已被邀请人撤销。',
    });
    t.clock.advance(8 * 86_400_000);
    expect((await t.call('account', 'o-x', 'acceptInvitation', { code: vol.data.code })).error).toMatchObject(
      {
        code: 'STATE_INVALID',
        message: expect.stringContaining('已过期'),
      },
    );
    // The refused accepts created the stranger's user record (as `me` would) and nothing else.
    const users = (await t.all<UserDoc>(COLLECTIONS.users)).filter((u) => u.openid === 'o-x');
    expect(users).toHaveLength(1);
    expect(users[0]?.roles).toEqual([]);
    const stored = await t.all<{ _id: string; status: string }>(COLLECTIONS.invitations);
    expect(stored.map((i) => [i._id, i.status]).sort()).toEqual(
      [
        [vol.data.id, 'open'],
        [revoked.data.id, 'revoked'],
      ].sort(),
    );
  });
});

describe('first administrator and first calls', () => {
  it('the setup code makes exactly one administrator, even when two try at once; a wrong code is refused and audited', async () => {
    const wrong = await t.call('account', 'o-a', 'setupAdmin', { code: 'WRONG' });
    expect(wrong.error).toMatchObject({ code: 'RULE_VIOLATION', message: '初始化口令不正确。' });
    expect((await audits('setup_code_wrong')).length).toBe(1);
    const [a, b] = await Promise.all([
      t.call('account', 'o-a', 'setupAdmin', { code: DEMO_SETUP_CODE }),
      t.call('account', 'o-b', 'setupAdmin', { code: DEMO_SETUP_CODE }),
    ]);
    const winners = [a, b].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)?.error.code).toBe('STATE_INVALID');
    expect((await audits('first_admin')).length).toBe(1);
    const admins = (await t.all<UserDoc>(COLLECTIONS.users)).filter(
      (u) => u.roles.includes('admin') && u.openid.startsWith('o-') && u.openid.length === 3,
    );
    expect(admins).toHaveLength(1);
  });

  it('two people binding one household at once: one is bound, the other refused; two accepting one code: one wins', async () => {
    await consentAll('o-one');
    await consentAll('o-two');
    const binds = await Promise.all([bind('o-one'), bind('o-two')]);
    expect(binds.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect((await t.all<UserDoc>(COLLECTIONS.users)).filter((u) => u.householdId === 'h-new')).toHaveLength(
      1,
    );

    const inv = await invite('o-admin', 'volunteer', ['p1']);
    const accepts = await Promise.all(
      ['o-v1', 'o-v2'].map((o) => t.call('account', o, 'acceptInvitation', { code: inv.data.code })),
    );
    expect(accepts.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['STATE_INVALID', 'ok']);
    expect(
      (await t.all<UserDoc>(COLLECTIONS.users)).filter((u) => u.roles.includes('volunteer')),
    ).toHaveLength(1);
  });

  it('two first calls at once create one user', async () => {
    const [a, b] = await Promise.all([
      t.call('account', 'o-twice', 'me'),
      t.call('account', 'o-twice', 'me'),
    ]);
    expect(a.data.user.id).toBe(b.data.user.id);
    expect(await t.count(COLLECTIONS.users, { openid: 'o-twice' })).toBe(1);
  });
});

describe('ID numbers at rest and on screen', () => {
  it('no stored household holds a plain ID number; the office sees a whole one only with a reason, and each view is logged', async () => {
    const households = await t.all<HouseholdDoc>(COLLECTIONS.households);
    expect(
      households.every(
        (h) => h.idNumberCipher.startsWith('v1.demo.') && /^[0-9a-f]{64}$/.test(h.idNumberHash),
      ),
    ).toBe(true);
    expect(JSON.stringify(households)).not.toContain(HEAD.idNumber);

    const before = await dump();
    expect(
      (await t.call('account', 'o-mgr', 'revealIdNumber', { householdId: 'h-new', reason: '核对纸质档案' }))
        .error.code,
    ).toBe('NOT_FOUND');
    expect((await t.call('account', 'wx-p1-t1', 'idAccessLog')).error.code).toBe('NOT_FOUND');
    expect(await dump()).toBe(before);

    const seen = await t.call('account', 'o-admin', 'revealIdNumber', {
      householdId: 'h-new',
      reason: '核对纸质档案',
    });
    expect(seen.data.idNumber).toBe(HEAD.idNumber);
    const log = await t.call('account', 'o-admin', 'idAccessLog');
    expect(log.data).toEqual([
      { viewerName: '赵磊', headName: HEAD.name, reason: '核对纸质档案', at: '2026-11-22T02:00:00.000Z' },
    ]);
  });
});

describe('one’s own data and corrections', () => {
  it('a tenant asks for a correction once however often sent; the office lists and resolves it', async () => {
    const ask = () =>
      t.call('account', 'wx-p1-t1', 'requestCorrection', {
        field: 'phone',
        text: '手机号已更换为新号码',
        clientRequestId: 'corr-req-0001',
      });
    expect((await ask()).data.corrections).toEqual([
      expect.objectContaining({ field: 'phone', status: '待处理' }),
    ]);
    expect((await ask()).data.corrections).toHaveLength(1);
    expect((await t.call('account', 'wx-p1-t1', 'corrections')).error.code).toBe('NOT_FOUND');
    const open = await t.call('account', 'o-admin', 'corrections');
    expect(open.data).toEqual([
      expect.objectContaining({ userId: 'p1-t1', field: '手机号', text: '手机号已更换为新号码' }),
    ]);
    const { correctionId } = open.data[0];
    expect(
      (await t.call('account', 'o-admin', 'resolveCorrection', { userId: 'p1-t1', correctionId })).ok,
    ).toBe(true);
    expect((await t.call('account', 'o-admin', 'corrections')).data).toEqual([]);
    const mine = await t.call('account', 'wx-p1-t1', 'myData');
    expect(mine.data.corrections[0].status).toBe('已处理');
    expect(mine.data.household).toMatchObject({
      id: 'p1-h1',
      idNumberMasked: expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/),
    });
    expect((await audits('correction_resolved')).length).toBe(1);
  });
});

describe('records written before ID numbers were sealed', () => {
  it('the daily job seals a plain ID number and removes it; a rerun seals nothing', async () => {
    await t.db.collection(COLLECTIONS.households).doc('h-legacy').set({
      headName: '旧记录',
      idNumber: '420106198001010015',
      phone: '13900003333',
      status: 'tenant',
      category: 'low_income',
      size: 2,
    });
    const res = await t.trigger('account', 'daily-retention');
    expect(res.data).toMatchObject({ sealed: 1 });
    const doc = await t.doc<Record<string, unknown>>(COLLECTIONS.households, 'h-legacy');
    expect(doc).not.toHaveProperty('idNumber');
    expect(doc).toMatchObject({ idNumberMasked: '420106********0015' });
    expect(JSON.stringify(doc)).not.toContain('420106198001010015');
    // Now found by its lookup hash: the head can bind.
    await consentAll('o-legacy');
    expect(
      (await bind('o-legacy', { name: '旧记录', idNumber: '420106198001010015', phone: '13900003333' })).ok,
    ).toBe(true);
    expect((await t.trigger('account', 'daily-retention')).data.sealed).toBe(0);
  });
});

describe('retention of exited households', () => {
  it('the daily job erases personal data of households exited longer than the period, and unbinds their users', async () => {
    const old = makeHousehold(createRng(5), { _id: 'h-old', status: 'exited', exitedOn: '2020-06-30' });
    const recent = makeHousehold(createRng(6), { _id: 'h-recent', status: 'exited', exitedOn: '2025-06-30' });
    for (const h of [old, recent]) {
      const { _id, ...body } = h;
      await t.db.collection(COLLECTIONS.households).doc(_id).set(body);
    }
    await addUser(t.db, {
      id: 'u-old',
      roles: ['tenant', 'volunteer'],
      openid: 'o-old',
      householdId: 'h-old',
    });
    const res = await t.trigger('account', 'daily-retention');
    expect(res.data).toMatchObject({ erased: 1, more: false, sealed: 0 });
    const erased = await t.doc<HouseholdDoc>(COLLECTIONS.households, 'h-old');
    expect(erased).toMatchObject({
      headName: '（已删除）',
      idNumberCipher: '',
      phone: '',
      personalDataErasedAt: expect.any(String),
    });
    expect((await t.doc<HouseholdDoc>(COLLECTIONS.households, 'h-recent'))?.headName).toBe(recent.headName);
    const u = await t.doc<UserDoc>(COLLECTIONS.users, 'u-old');
    expect(u?.householdId).toBeUndefined();
    expect(u?.roles).toEqual(['volunteer']);
    // A rerun finds nothing left to erase.
    expect((await t.trigger('account', 'daily-retention')).data.erased).toBe(0);
  });
});
