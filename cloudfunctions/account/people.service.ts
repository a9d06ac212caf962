import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  ROLE_LABELS,
  type InvitationRole,
  type InvitationView,
  type MyDataResult,
  type Role,
} from '@shared/contracts';
import { AppError } from '@shared/errors';
import { addDays, addYears, chinaDate } from '@shared/rules/dates';
import { PARALLEL_DEPARTMENT_LABELS } from '@shared/rules/application.rule';
import { HOUSEHOLD_CATEGORY_LABELS, HOUSEHOLD_STATUS_LABELS } from '@shared/rules/household';
import {
  grantableRoles,
  isAdultOn,
  PEOPLE_CLAUSE,
  PEOPLE_OPERATOR_DEFAULTS,
  PRIVACY_NOTICE,
  roleNeedsDepartment,
  roleNeedsProjects,
  type InvitableRole,
} from '@shared/rules/people.rule';
import { peopleSettings, retentionSourceIn } from '@shared/rules/operator-constants.rule';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { found, isAdmin, notFound, requireRole, requireUser } from '../_runtime/access';
import type { UserDoc } from '../_runtime/caller';
import type { In, ServiceContext } from '../_runtime/handler';
import { idLookupHash, openIdNumber, sealIdNumber, type IdKeys } from '../_runtime/id-number';
import { idFromClient, sha256 } from '../_runtime/ids';
import { maskPhone } from '../_runtime/mask';
import type { AuditDoc, HouseholdDoc } from '../_runtime/documents';
import { WXACODE_MAX_SCENE } from '../_runtime/people.port';
import type { InvitationDoc, PeopleRepository, PeopleWriter } from './people.repository';

/**
 * People (issue #17): how a WeChat user becomes the first administrator, staff or a volunteer (invitation),
 * a tenant or applicant (binding to the household the office holds), or a family member; consent; and the
 * data held about a person (个人信息保护法). Every change is one transaction with its audit entry.
 */

type Ctx = ServiceContext;

const STAFF_ROLES: Role[] = ['admin', 'manager', 'worker', 'volunteer', 'department_reviewer'];
const INVITATION_ROLE_LABELS: Record<InvitationRole, string> = {
  ...ROLE_LABELS,
  family: '家庭成员（代缴代办）',
};
const INVITATION_STATUS_LABELS = { open: '待接受', accepted: '已接受', revoked: '已撤销', expired: '已过期' };
/** The page that accepts an invitation; the code rides in its query (a QR code or a shared link). */
export const JOIN_PAGE = '/pages/join/index';
/** Without 0/O and 1/I/L, so a code read aloud or copied by hand is not mistaken. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const today = (ctx: Ctx) => chinaDate(ctx.rt.now().getTime());
const nowIso = (ctx: Ctx) => ctx.rt.now().toISOString();

/** The stored id of a user: one per OPENID, so two first calls at once make one record. */
export const userIdOf = (openid: string): string => `u-${sha256(`user|${openid}`).slice(0, 24)}`;

/**
 * The caller's user record, created on the first call with no roles. Two first calls at once: the record
 * id comes from the OPENID, the create is a transaction that reads first, and the OPENID index is unique,
 * so exactly one record is made and both calls answer it.
 */
export async function ensureUser(repo: PeopleRepository, ctx: Ctx): Promise<UserDoc> {
  if (ctx.caller.user) return ctx.caller.user;
  const user: UserDoc = {
    _id: userIdOf(ctx.caller.openid),
    openid: ctx.caller.openid,
    name: '新用户',
    roles: [],
    createdAt: nowIso(ctx),
  };
  try {
    await repo.createUserIfAbsent(user);
  } catch (err) {
    // The other first call won (a unique-index refusal); its record is the one.
    const e = err as { code?: string; message?: string };
    if (e?.code !== 'DATABASE_DUPLICATE_WRITE' && !/duplicate/i.test(String(e?.message ?? ''))) throw err;
  }
  const stored = await repo.userByOpenid(ctx.caller.openid);
  if (!stored) throw new AppError('INTERNAL');
  ctx.caller.user = stored;
  return stored;
}

const audit = (
  ctx: Ctx,
  entityType: AuditDoc['entityType'],
  entityId: string,
  action: string,
  detail: string,
): Omit<AuditDoc, '_id'> => ({
  entityType,
  entityId,
  action,
  actorUserId: ctx.caller.user?._id ?? '',
  at: nowIso(ctx),
  detail,
});

/** How many attempts a counter has left today, and the counter ids. */
async function attemptsLeft(repo: PeopleRepository, ids: string[], limit: number): Promise<number> {
  const counts = await Promise.all(ids.map(async (id) => (await repo.counters.get(id))?.count ?? 0));
  return limit - Math.max(0, ...counts);
}

async function bump(tx: PeopleWriter, id: string, day: string): Promise<void> {
  const c = await tx.counters.get(id);
  await tx.counters.set(id, { count: (c?.count ?? 0) + 1, day });
}

// ---------------------------------------------------------------- first administrator

/**
 * The first administrator: the setup code from the deployment's configuration (ANJU_SETUP_CODE), entered
 * once; the first right entry spends it (a meta document written in the same transaction as the role), so
 * two tries at once make one administrator. Wrong codes are limited per person per day and audited.
 */
export async function setupAdmin(repo: PeopleRepository, input: In<'account', 'setupAdmin'>, ctx: Ctx) {
  const configured = ctx.rt.people.setupCode();
  if (!configured) throw new AppError('UNAVAILABLE', '本系统未配置初始化口令，请联系部署人员。');
  const spent = await repo.firstAdmin();
  if (spent && spent.userId !== ctx.caller.user?._id)
    throw new AppError('STATE_INVALID', '系统已完成初始化，请由住房保障部门管理员邀请您加入。');
  const user = await ensureUser(repo, ctx);
  const day = today(ctx);
  const counter = `setup-${user._id}-${day}`;
  if ((await attemptsLeft(repo, [counter], peopleSettings(ctx.rt.policy).setupAttemptsPerDay)) <= 0)
    throw new AppError('RATE_LIMITED', '今日初始化口令错误次数过多，请明天再试。');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(input.code), digest(configured))) {
    await repo.runInTransaction(async (tx) => {
      await bump(tx, counter, day);
      await tx.audit(audit(ctx, 'user', user._id, 'setup_code_wrong', '初始化口令错误'));
    });
    throw new AppError('RULE_VIOLATION', '初始化口令不正确。');
  }
  const roles = await repo.runInTransaction(async (tx) => {
    const first = await tx.firstAdmin();
    const me = found(await tx.users.get(user._id));
    if (first) {
      if (first.userId === me._id) return me.roles; // a retried tap
      throw new AppError('STATE_INVALID', '系统已完成初始化，请由住房保障部门管理员邀请您加入。');
    }
    const next = me.roles.includes('admin') ? me.roles : [...me.roles, 'admin' as Role];
    await tx.spendFirstAdmin(me._id, nowIso(ctx));
    await tx.users.update(me._id, { roles: next });
    await tx.audit(audit(ctx, 'user', me._id, 'first_admin', '使用初始化口令成为首位住房保障部门管理员'));
    return next;
  });
  return { roles };
}

// ---------------------------------------------------------------- consent

const consentsOf = (u: UserDoc | null) => ({
  personal: u?.consents?.personal ?? null,
  sensitive: u?.consents?.sensitive ?? null,
  currentVersion: PRIVACY_NOTICE.version,
});

/** Consent to the notice (第十七条), and separately to the sensitive-information notice (第二十九条). */
export async function consent(repo: PeopleRepository, input: In<'account', 'consent'>, ctx: Ctx) {
  if (input.version !== PRIVACY_NOTICE.version)
    throw new AppError('STATE_INVALID', '告知内容已更新，请重新阅读后同意。');
  const user = await ensureUser(repo, ctx);
  const at = nowIso(ctx);
  const saved = await repo.runInTransaction(async (tx) => {
    const me = found(await tx.users.get(user._id));
    if (me.consents?.[input.kind]?.version === input.version) return me;
    const consents = { ...me.consents, [input.kind]: { version: input.version, at } };
    await tx.users.update(me._id, { consents });
    await tx.audit(
      audit(
        ctx,
        'user',
        me._id,
        `consent_${input.kind}`,
        `同意${input.kind === 'personal' ? PRIVACY_NOTICE.personal.title : PRIVACY_NOTICE.sensitive.title}（版本 ${input.version}）`,
      ),
    );
    return { ...me, consents };
  });
  return consentsOf(saved);
}

const hasConsented = (u: UserDoc, kind: 'personal' | 'sensitive') =>
  u.consents?.[kind]?.version === PRIVACY_NOTICE.version;

function requireConsents(u: UserDoc): void {
  if (!hasConsented(u, 'personal') || !hasConsented(u, 'sensitive'))
    throw new AppError('STATE_INVALID', '请先阅读并同意《个人信息处理告知》和《敏感个人信息单独告知》。');
}

// ---------------------------------------------------------------- my data

export async function myData(
  repo: PeopleRepository,
  ctx: Ctx,
  userOverride?: UserDoc,
): Promise<MyDataResult> {
  const user = userOverride ?? ctx.caller.user;
  const blank: MyDataResult = {
    name: '',
    roles: [],
    projectNames: [],
    phoneMasked: null,
    idNumberMasked: null,
    consents: consentsOf(null),
    household: null,
    corrections: [],
    retention: retentionSourceIn(ctx.rt.policy),
  };
  if (!user) return blank;
  const projects = await repo.projects(user.projectIds ?? []);
  const household = user.householdId ? await repo.households.get(user.householdId) : null;
  return {
    ...blank,
    name: user.name,
    roles: user.roles,
    projectNames: (user.projectIds ?? []).map((id) => projects.get(id)?.name ?? '').filter(Boolean),
    phoneMasked: user.phone ? maskPhone(user.phone) : null,
    idNumberMasked: user.idNumberMasked ?? null,
    consents: consentsOf(user),
    household:
      household && user.householdId
        ? {
            id: household._id,
            headName: household.headName,
            idNumberMasked: household.idNumberMasked,
            phoneMasked: maskPhone(household.phone),
            size: household.size,
            categoryLabel: HOUSEHOLD_CATEGORY_LABELS[household.category],
            statusLabel: HOUSEHOLD_STATUS_LABELS[household.status],
            relation: user.householdRelation ?? 'head',
            boundAt: user.boundAt ?? user.createdAt,
          }
        : null,
    corrections: (user.corrections ?? []).map((c) => ({
      field: c.field,
      text: c.text,
      at: c.at,
      status: c.status === 'open' ? '待处理' : '已处理',
    })),
  };
}

const CORRECTION_FIELDS = {
  name: '姓名',
  phone: '手机号',
  idNumber: '身份证号码',
  household: '家庭信息',
  other: '其他',
};

/** A request to correct one's data (第四十六条): kept with the person and in the audit trail for the office. */
export async function requestCorrection(
  repo: PeopleRepository,
  input: In<'account', 'requestCorrection'>,
  ctx: Ctx,
): Promise<MyDataResult> {
  const user = requireUser(ctx);
  const id = idFromClient('corr', user._id, input.clientRequestId);
  const saved = await repo.runInTransaction(async (tx) => {
    const me = found(await tx.users.get(user._id));
    const list = me.corrections ?? [];
    if (list.some((c) => c.id === id)) return me;
    if (list.filter((c) => c.status === 'open').length >= 10)
      throw new AppError('RULE_VIOLATION', '您已有 10 条待处理的更正申请，请等待住房保障部门处理后再提交。');
    const corrections = [
      ...list,
      { id, field: input.field, text: input.text, at: nowIso(ctx), status: 'open' as const },
    ];
    await tx.users.update(me._id, { corrections });
    await tx.audit(
      audit(ctx, 'user', me._id, 'correction_requested', `申请更正：${CORRECTION_FIELDS[input.field]}`),
    );
    return { ...me, corrections };
  });
  return myData(repo, ctx, saved);
}

/** The office's list of open correction requests, oldest first. */
export async function corrections(repo: PeopleRepository, ctx: Ctx) {
  requireRole(ctx, 'admin');
  const users = await repo.usersWithCorrections();
  return users
    .flatMap((u) =>
      (u.corrections ?? [])
        .filter((c) => c.status === 'open')
        .map((c) => ({
          userId: u._id,
          userName: u.name,
          correctionId: c.id,
          field: CORRECTION_FIELDS[c.field as keyof typeof CORRECTION_FIELDS] ?? c.field,
          text: c.text,
          at: c.at,
        })),
    )
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export async function resolveCorrection(
  repo: PeopleRepository,
  input: In<'account', 'resolveCorrection'>,
  ctx: Ctx,
) {
  requireRole(ctx, 'admin');
  found(await repo.users.get(input.userId), (u) =>
    (u.corrections ?? []).some((c) => c.id === input.correctionId),
  );
  await repo.runInTransaction(async (tx) => {
    const u = found(await tx.users.get(input.userId));
    const list = u.corrections ?? [];
    if (list.find((c) => c.id === input.correctionId)?.status === 'done') return;
    await tx.users.update(u._id, {
      corrections: list.map((c) => (c.id === input.correctionId ? { ...c, status: 'done' as const } : c)),
    });
    await tx.audit(audit(ctx, 'user', u._id, 'correction_resolved', '更正申请已处理'));
  });
  return { resolved: true };
}

// ---------------------------------------------------------------- binding

/**
 * A tenant or applicant binds to the household the office holds: the name and ID number they type and the
 * phone number WeChat confirms must all match the record. Wrong attempts are limited per person and per ID
 * number (the household) per China day (`bindingAttemptsPerDay`), so the form cannot be used to probe who
 * is a tenant; every attempt is audited without the submitted values. A malformed ID number is refused by
 * the contract and counts for nothing.
 */
export async function bindHousehold(
  repo: PeopleRepository,
  input: In<'account', 'bindHousehold'>,
  ctx: Ctx,
): Promise<MyDataResult> {
  const user = await ensureUser(repo, ctx);
  requireConsents(user);
  if (user.householdId)
    throw new AppError('STATE_INVALID', '您已绑定家庭；如需更换，请先在“我的信息”中解除绑定。');
  const keys = ctx.rt.people.idKeys();
  const hash = idLookupHash(input.idNumber, keys);
  const day = today(ctx);
  const counters = [`bind-u-${user._id}-${day}`, `bind-h-${hash.slice(0, 32)}-${day}`];
  const left = await attemptsLeft(repo, counters, peopleSettings(ctx.rt.policy).bindingAttemptsPerDay);
  if (left <= 0) {
    await repo.audit(audit(ctx, 'user', user._id, 'bind_limited', '今日核验次数已用完，未核验'));
    throw new AppError('RATE_LIMITED', '今日核验次数已用完，请明天再试，或携带身份证到住房保障窗口办理。');
  }
  const phone = await ctx.rt.people.phoneFromCode(input.phoneCode);
  const household = await repo.householdByIdHash(hash);
  const matches =
    !!household &&
    !household.personalDataErasedAt &&
    household.status !== 'exited' &&
    household.headName === input.name &&
    household.phone === phone;
  if (!matches || !household) {
    await repo.runInTransaction(async (tx) => {
      for (const c of counters) await bump(tx, c, day);
      await tx.audit(audit(ctx, 'user', user._id, 'bind_failed', '家庭绑定核验不一致'));
    });
    throw new AppError(
      'RULE_VIOLATION',
      `姓名、身份证号码或微信手机号与住房保障部门登记的信息不一致。今日还可尝试 ${left - 1} 次；如登记信息有误，请到住房保障窗口更正。`,
    );
  }
  // Heads bound before binding documents existed (seeded or migrated users) count as bound too.
  const earlierHead = (await repo.usersOfHousehold(household._id)).find(
    (u) => u._id !== user._id && (u.householdRelation ?? 'head') === 'head',
  );
  if (earlierHead)
    throw new AppError(
      'CONFLICT',
      '该家庭已由另一个微信账号绑定。如需更换，请原账号解除绑定，或到住房保障窗口办理。',
    );
  const saved = await repo.runInTransaction(async (tx) => {
    const me = found(await tx.users.get(user._id));
    if (me.householdId === household._id) return me; // a retried tap
    if (me.householdId) throw new AppError('STATE_INVALID', '您已绑定家庭；如需更换，请先解除绑定。');
    const binding = await tx.bindings.get(household._id);
    if (binding?.headUserId && binding.headUserId !== me._id)
      throw new AppError(
        'CONFLICT',
        '该家庭已由另一个微信账号绑定。如需更换，请原账号解除绑定，或到住房保障窗口办理。',
      );
    const roles: Role[] =
      household.status === 'tenant' && !me.roles.includes('tenant') ? [...me.roles, 'tenant'] : me.roles;
    const patch = {
      householdId: household._id,
      householdRelation: 'head' as const,
      boundAt: nowIso(ctx),
      phone,
      roles,
      name: me.name === '新用户' ? household.headName : me.name,
    };
    await tx.users.update(me._id, patch);
    await tx.bindings.set(household._id, {
      headUserId: me._id,
      memberUserIds: binding?.memberUserIds ?? [],
      updatedAt: nowIso(ctx),
    });
    await tx.audit(
      audit(ctx, 'household', household._id, 'bound', '户主绑定微信账号（姓名、身份证号、微信手机号一致）'),
    );
    return { ...me, ...patch };
  });
  return myData(repo, ctx, saved);
}

/** Detaches a user from their household: the head takes the family members along; a member leaves alone. */
async function detach(tx: PeopleWriter, userId: string): Promise<UserDoc | null> {
  const u = await tx.users.get(userId);
  if (!u?.householdId) return u;
  const stayingRoles = u.roles.filter((r) => r !== 'tenant');
  await tx.unbindUser(u._id, stayingRoles);
  return { ...u, householdId: undefined, householdRelation: undefined, roles: stayingRoles };
}

export async function unbindHousehold(repo: PeopleRepository, ctx: Ctx): Promise<MyDataResult> {
  const user = requireUser(ctx);
  if (!user.householdId) return myData(repo, ctx, user);
  const householdId = user.householdId;
  const saved = await repo.runInTransaction(async (tx) => {
    const binding = await tx.bindings.get(householdId);
    const isHead = (user.householdRelation ?? 'head') === 'head';
    const after = await detach(tx, user._id);
    if (isHead) {
      for (const m of binding?.memberUserIds ?? []) await detach(tx, m);
      await tx.bindings.set(householdId, { headUserId: null, memberUserIds: [], updatedAt: nowIso(ctx) });
    } else if (binding) {
      await tx.bindings.update(householdId, {
        memberUserIds: binding.memberUserIds.filter((m) => m !== user._id),
        updatedAt: nowIso(ctx),
      });
    }
    await tx.audit(
      audit(
        ctx,
        'household',
        householdId,
        'unbound',
        isHead ? '户主解除绑定（家庭成员一并解除）' : '家庭成员解除绑定',
      ),
    );
    return after;
  });
  return myData(repo, ctx, saved ?? undefined);
}

/** The office: every binding of a WeChat user to a household. */
export async function bindings(repo: PeopleRepository, ctx: Ctx) {
  requireRole(ctx, 'admin');
  const users = await repo.boundUsers();
  const households = await repo.householdsByIds(users.map((u) => u.householdId as string));
  return users.flatMap((u) => {
    const h = households.get(u.householdId as string);
    return h
      ? [
          {
            userId: u._id,
            userName: u.name,
            householdId: h._id,
            headName: h.headName,
            idNumberMasked: h.idNumberMasked,
            relation: u.householdRelation ?? ('head' as const),
            boundAt: u.boundAt ?? u.createdAt,
          },
        ]
      : [];
  });
}

/**
 * The housing office sees a head's whole ID number (to check it against a paper file, for example) only
 * for a stated reason; the view is logged first (who, when, why), so there is no view without its entry.
 */
export async function revealIdNumber(
  repo: PeopleRepository,
  input: In<'account', 'revealIdNumber'>,
  ctx: Ctx,
) {
  requireRole(ctx, 'admin');
  const household = found(await repo.households.get(input.householdId), (h) => !!h.idNumberCipher);
  const at = nowIso(ctx);
  await repo.logIdAccess({
    viewerUserId: ctx.caller.user?._id ?? '',
    householdId: household._id,
    reason: input.reason,
    at,
  });
  return { idNumber: openIdNumber(household.idNumberCipher, ctx.rt.people.idKeys()), loggedAt: at };
}

export async function idAccessLog(repo: PeopleRepository, ctx: Ctx) {
  requireRole(ctx, 'admin');
  const entries = await repo.idAccessLog();
  const [users, households] = await Promise.all([
    repo.usersByIds(entries.map((e) => e.viewerUserId)),
    repo.householdsByIds(entries.map((e) => e.householdId)),
  ]);
  return entries.map((e) => ({
    viewerName: users.get(e.viewerUserId)?.name ?? '',
    headName: households.get(e.householdId)?.headName ?? '',
    reason: e.reason,
    at: e.at,
  }));
}

// ---------------------------------------------------------------- invitations

function invitationStatus(inv: InvitationDoc, now: string): InvitationView['status'] {
  return inv.status === 'open' && now > inv.expiresAt ? 'expired' : inv.status;
}

async function invitationViews(
  repo: PeopleRepository,
  list: InvitationDoc[],
  ctx: Ctx,
): Promise<InvitationView[]> {
  const projects = await repo.projects(list.flatMap((i) => i.projectIds));
  const now = nowIso(ctx);
  return list.map((inv) => {
    const status = invitationStatus(inv, now);
    return {
      id: inv._id,
      code: inv.code,
      path: `${JOIN_PAGE}?code=${inv.code}`,
      role: inv.role,
      roleLabel: INVITATION_ROLE_LABELS[inv.role],
      departmentLabel: inv.department ? PARALLEL_DEPARTMENT_LABELS[inv.department] : null,
      projectNames: inv.projectIds.map((id) => projects.get(id)?.name ?? ''),
      note: inv.note,
      createdByName: inv.createdByName,
      createdAt: inv.createdAt,
      expiresAt: inv.expiresAt,
      status,
      statusLabel: INVITATION_STATUS_LABELS[status],
      acceptedByName: inv.acceptedByName ?? null,
    };
  });
}

const isHead = (u: UserDoc) =>
  !!u.householdId && (u.householdRelation ?? 'head') === 'head' && u.roles.includes('tenant');

/**
 * An invitation: the office for any staff role (any project), a manager for workers and volunteers in the
 * projects it manages, a tenant household head for a family member. Single use, expiring; a retried tap
 * (the same clientRequestId) answers the same invitation.
 */
export async function createInvitation(
  repo: PeopleRepository,
  input: In<'account', 'createInvitation'>,
  ctx: Ctx,
): Promise<InvitationView> {
  const user = requireUser(ctx);
  const role = input.role;
  let householdId: string | undefined;
  if (role === 'family') {
    if (!isHead(user)) notFound();
    if (input.projectIds.length > 0)
      throw new AppError('INVALID_INPUT', undefined, { projectIds: '邀请家庭成员不需要选择项目' });
    if (input.department)
      throw new AppError('INVALID_INPUT', undefined, { department: '只有部门核查人员需要选择部门' });
    householdId = user.householdId;
  } else {
    const grantable = grantableRoles(ctx.caller.roles);
    if (grantable.length === 0) notFound();
    if (!grantable.includes(role))
      throw new AppError(
        'RULE_VIOLATION',
        `您不能邀请“${ROLE_LABELS[role]}”，只能邀请：${grantable.map((r) => ROLE_LABELS[r]).join('、')}。`,
      );
    const needs = roleNeedsProjects(role as InvitableRole);
    if (needs && input.projectIds.length === 0)
      throw new AppError('INVALID_INPUT', undefined, { projectIds: '请至少选择一个项目' });
    if (!needs && input.projectIds.length > 0)
      throw new AppError('INVALID_INPUT', undefined, {
        projectIds: '住房保障部门工作人员负责全部项目，不需要选择项目',
      });
    // A department checker answers for one department of the parallel review (惠州 链接2(3)).
    if (roleNeedsDepartment(role as InvitableRole) && !input.department)
      throw new AppError('INVALID_INPUT', undefined, { department: '请选择核查部门' });
    if (!roleNeedsDepartment(role as InvitableRole) && input.department)
      throw new AppError('INVALID_INPUT', undefined, { department: '只有部门核查人员需要选择部门' });
    const projects = await repo.projects(input.projectIds);
    const scope = isAdmin(ctx) ? null : (user.projectIds ?? []);
    if (input.projectIds.some((p) => !projects.has(p) || (scope !== null && !scope.includes(p))))
      notFound('只能邀请到您负责的项目。');
  }
  // The contract's bound is the hard maximum; the district's saved maximum (运营方设定) is enforced here.
  const { invitationMaxDays, invitationDefaultDays } = peopleSettings(ctx.rt.policy);
  const validDays = input.validDays ?? invitationDefaultDays;
  if (validDays > invitationMaxDays)
    throw new AppError('INVALID_INPUT', undefined, {
      validDays: `邀请码有效期最长 ${invitationMaxDays} 天。`,
    });
  const id = idFromClient('inv', user._id, input.clientRequestId);
  const existing = await repo.invitations.get(id);
  if (existing) return (await invitationViews(repo, [existing], ctx))[0] as InvitationView;
  if (householdId) {
    const members = (await repo.usersOfHousehold(householdId)).filter(
      (u) => u.householdRelation === 'member',
    );
    const { maxFamilyMembers } = peopleSettings(ctx.rt.policy);
    if (members.length >= maxFamilyMembers)
      throw new AppError('RULE_VIOLATION', `每户最多添加 ${maxFamilyMembers} 名家庭成员。`);
  }
  const now = ctx.rt.now();
  const doc: InvitationDoc = {
    _id: id,
    code: Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
    role,
    projectIds: [...new Set(input.projectIds)],
    ...(householdId ? { householdId } : {}),
    ...(input.department ? { department: input.department } : {}),
    note: input.note,
    createdBy: user._id,
    createdByName: user.name,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + validDays * 86_400_000).toISOString(),
    status: 'open',
  };
  await repo.runInTransaction(async (tx) => {
    if (await tx.invitations.get(id)) return;
    const { _id, ...body } = doc;
    await tx.invitations.set(_id, body);
    await tx.audit(
      audit(
        ctx,
        'invitation',
        id,
        'created',
        `邀请：${INVITATION_ROLE_LABELS[role]}${input.department ? `（${PARALLEL_DEPARTMENT_LABELS[input.department]}）` : ''}，${validDays} 天内有效`,
      ),
    );
  });
  const stored = found(await repo.invitations.get(id));
  return (await invitationViews(repo, [stored], ctx))[0] as InvitationView;
}

export async function invitations(repo: PeopleRepository, ctx: Ctx): Promise<InvitationView[]> {
  const user = ctx.caller.user;
  if (!user) return [];
  const list = isAdmin(ctx)
    ? [
        ...(await repo.invitationsBy('all-staff')),
        ...(await repo.invitationsBy(user._id)).filter((i) => i.role === 'family'),
      ]
    : await repo.invitationsBy(user._id);
  return invitationViews(repo, list, ctx);
}

const mayRevokeInvitation = (ctx: Ctx, inv: InvitationDoc) =>
  inv.createdBy === ctx.caller.user?._id || (isAdmin(ctx) && inv.role !== 'family');

export async function revokeInvitation(
  repo: PeopleRepository,
  input: In<'account', 'revokeInvitation'>,
  ctx: Ctx,
): Promise<InvitationView> {
  requireUser(ctx);
  found(await repo.invitations.get(input.invitationId), (inv) => mayRevokeInvitation(ctx, inv));
  await repo.runInTransaction(async (tx) => {
    const inv = found(await tx.invitations.get(input.invitationId));
    if (inv.status === 'revoked') return;
    if (inv.status === 'accepted')
      throw new AppError('STATE_INVALID', '该邀请已被接受，不能撤销；如需收回权限，请撤销该人员的角色。');
    await tx.invitations.update(inv._id, { status: 'revoked', revokedAt: nowIso(ctx) });
    await tx.audit(
      audit(ctx, 'invitation', inv._id, 'revoked', `撤销邀请：${INVITATION_ROLE_LABELS[inv.role]}`),
    );
  });
  return (
    await invitationViews(repo, [found(await repo.invitations.get(input.invitationId))], ctx)
  )[0] as InvitationView;
}

/** How long the 小程序码's temporary address stays valid (the page asks again when it is shown again). */
export const INVITATION_QR_URL_SECONDS = 600;

/** A storage path segment (file IDs allow only `[A-Za-z0-9._/-]`, shared/uploads.ts). */
const pathSegment = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';

/**
 * The 小程序码 of an open invitation, for whoever may revoke it: WeChat's wxacode.getUnlimited for the join
 * page with the code as its `scene` (at most 32 visible characters; the code has 8), made once and kept in
 * storage (`invitations/<id>/wxacode.png`, its file ID on the invitation), answered as a temporary address.
 * A retried call reuses the stored image.
 */
export async function invitationQr(
  repo: PeopleRepository,
  input: In<'account', 'invitationQr'>,
  ctx: Ctx,
): Promise<{ url: string; expiresAt: string }> {
  requireUser(ctx);
  const inv = found(await repo.invitations.get(input.invitationId), (i) => mayRevokeInvitation(ctx, i));
  const status = invitationStatus(inv, nowIso(ctx));
  if (status === 'accepted') throw new AppError('STATE_INVALID', '该邀请已被接受，不再需要小程序码。');
  if (status === 'revoked') throw new AppError('STATE_INVALID', '该邀请已撤销，不能再生成小程序码。');
  if (status === 'expired')
    throw new AppError('STATE_INVALID', '该邀请已过期，不能再生成小程序码，请重新发起邀请。');
  if (inv.code.length > WXACODE_MAX_SCENE)
    throw new AppError('RULE_VIOLATION', '邀请码过长，无法生成小程序码。');
  let fileId = inv.wxacodeFileId;
  if (!fileId) {
    const image = await ctx.rt.people.wxacode(JOIN_PAGE.replace(/^\//, ''), inv.code);
    fileId = await ctx.rt.storage.upload(
      `invitations/${pathSegment(inv._id)}/wxacode.png`,
      image.bytes,
      image.contentType,
    );
    await repo.invitations.update(inv._id, { wxacodeFileId: fileId });
  }
  const now = ctx.rt.now();
  const url = await ctx.rt.storage.tempUrl(fileId, INVITATION_QR_URL_SECONDS);
  return { url, expiresAt: new Date(now.getTime() + INVITATION_QR_URL_SECONDS * 1000).toISOString() };
}

/**
 * Accepting an invitation grants exactly what it says: the role in its projects, or membership of the
 * household. Checked again inside the transaction: single use, not revoked, not expired, and the inviter
 * may still grant it. A family member gives their own name and ID number (an adult, 民法典 第十七条) after
 * consenting to the sensitive-information notice.
 */
export async function acceptInvitation(
  repo: PeopleRepository,
  input: In<'account', 'acceptInvitation'>,
  ctx: Ctx,
) {
  const gone = '邀请码不存在或已失效，请向邀请人索取新的邀请码。';
  // Unknown codes are counted per person per day, so the join action cannot be used to guess live codes.
  const caller = await ensureUser(repo, ctx);
  const day = today(ctx);
  const counter = `invite-${caller._id}-${day}`;
  if ((await attemptsLeft(repo, [counter], peopleSettings(ctx.rt.policy).invitationCodeAttemptsPerDay)) <= 0)
    throw new AppError('RATE_LIMITED', '今日输入错误的邀请码次数过多，请明天再试，或向邀请人核对邀请码。');
  const candidate = await repo.invitationByCode(input.code);
  if (!candidate) {
    await repo.runInTransaction(async (tx) => {
      await bump(tx, counter, day);
      await tx.audit(audit(ctx, 'user', caller._id, 'invitation_code_wrong', '邀请码不存在'));
    });
    throw new AppError('NOT_FOUND', gone);
  }
  let sealed: ReturnType<typeof sealIdNumber> | null = null;
  if (candidate.role === 'family') {
    const missing: Record<string, string> = {};
    if (!input.name) missing.name = '请填写您的姓名';
    if (!input.idNumber) missing.idNumber = '请填写您的身份证号码';
    if (Object.keys(missing).length > 0) throw new AppError('INVALID_INPUT', undefined, missing);
    if (!isAdultOn(input.idNumber as string, today(ctx)))
      throw new AppError('RULE_VIOLATION', `家庭成员须年满 18 周岁（${PEOPLE_CLAUSE.adult}）。`);
  }
  const user = caller;
  if (candidate.role === 'family') {
    requireConsents(user);
    sealed = sealIdNumber(input.idNumber as string, ctx.rt.people.idKeys());
  }
  const now = nowIso(ctx);
  const roles = await repo.runInTransaction(async (tx) => {
    const inv = found(await tx.invitations.get(candidate._id), () => true, gone);
    const me = found(await tx.users.get(user._id));
    if (inv.status === 'accepted') {
      if (inv.acceptedBy === me._id) return me.roles; // a retried tap
      throw new AppError('STATE_INVALID', '该邀请码已被使用，每个邀请码只能使用一次。');
    }
    if (inv.status === 'revoked') throw new AppError('STATE_INVALID', '该邀请已被邀请人撤销。');
    if (now > inv.expiresAt)
      throw new AppError('STATE_INVALID', '该邀请码已过期，请向邀请人索取新的邀请码。');
    const inviter = await tx.users.get(inv.createdBy);
    let next = me.roles;
    if (inv.role === 'family') {
      if (!inviter || !isHead(inviter) || inviter.householdId !== inv.householdId)
        throw new AppError('STATE_INVALID', '邀请人已不是该家庭的户主，邀请已失效。');
      if (me.householdId) throw new AppError('STATE_INVALID', '您已绑定一个家庭，请先解除绑定再接受邀请。');
      const householdId = inv.householdId as string;
      next = me.roles.includes('tenant') ? me.roles : [...me.roles, 'tenant'];
      await tx.users.update(me._id, {
        householdId,
        householdRelation: 'member',
        boundAt: now,
        roles: next,
        name: input.name,
        ...sealed,
      });
      const binding = await tx.bindings.get(householdId);
      await tx.bindings.set(householdId, {
        headUserId: binding?.headUserId ?? inviter._id,
        memberUserIds: [...new Set([...(binding?.memberUserIds ?? []), me._id])],
        updatedAt: now,
      });
      await tx.audit(
        audit(ctx, 'household', householdId, 'member_added', '家庭成员经户主邀请加入（代缴代办）'),
      );
    } else {
      if (!inviter || !grantableRoles(inviter.roles).includes(inv.role as InvitableRole))
        throw new AppError('STATE_INVALID', '邀请人已无权授予该角色，邀请已失效。');
      // One department per checker: a second department's invitation is refused rather than merged.
      if (inv.department && me.roles.includes('department_reviewer') && me.department !== inv.department)
        throw new AppError(
          'STATE_INVALID',
          `您已是${me.department ? PARALLEL_DEPARTMENT_LABELS[me.department] : '其他部门'}的核查人员，每人只能负责一个部门。`,
        );
      next = me.roles.includes(inv.role) ? me.roles : [...me.roles, inv.role as Role];
      const projectIds = [...new Set([...(me.projectIds ?? []), ...inv.projectIds])];
      await tx.users.update(me._id, {
        roles: next,
        projectIds,
        ...(inv.department ? { department: inv.department } : {}),
      });
      await tx.audit(
        audit(
          ctx,
          'user',
          me._id,
          'role_granted',
          `经邀请获得角色：${INVITATION_ROLE_LABELS[inv.role]}${inv.department ? `（${PARALLEL_DEPARTMENT_LABELS[inv.department]}）` : ''}`,
        ),
      );
    }
    await tx.invitations.update(inv._id, {
      status: 'accepted',
      acceptedBy: me._id,
      acceptedByName: input.name ?? me.name,
      acceptedAt: now,
    });
    return next;
  });
  return { roles, role: candidate.role, roleLabel: INVITATION_ROLE_LABELS[candidate.role] };
}

// ---------------------------------------------------------------- staff and roles

/** Roles the caller may take from `target` (never their own administrator role). */
function revocableBy(ctx: Ctx, target: UserDoc): Role[] {
  const grantable = grantableRoles(ctx.caller.roles) as Role[];
  const mine = ctx.caller.user?._id === target._id;
  const scope = isAdmin(ctx) ? null : (ctx.caller.user?.projectIds ?? []);
  if (scope !== null && !(target.projectIds ?? []).some((p) => scope.includes(p))) return [];
  return target.roles.filter((r) => grantable.includes(r) && !(mine && r === 'admin'));
}

type StaffRow = {
  userId: string;
  name: string;
  roles: Role[];
  projectNames: string[];
  departmentLabel: string | null;
  revocable: Role[];
};

async function staffRows(repo: PeopleRepository, ctx: Ctx, users: UserDoc[]): Promise<StaffRow[]> {
  const projects = await repo.projects(users.flatMap((u) => u.projectIds ?? []));
  return users.map((u) => ({
    userId: u._id,
    name: u.name,
    roles: u.roles,
    projectNames: (u.projectIds ?? []).map((id) => projects.get(id)?.name ?? '').filter(Boolean),
    departmentLabel:
      u.roles.includes('department_reviewer') && u.department
        ? PARALLEL_DEPARTMENT_LABELS[u.department]
        : null,
    revocable: revocableBy(ctx, u),
  }));
}

/** The office: everyone with a staff or volunteer role; a manager: the workers and volunteers of its projects. */
export async function staff(repo: PeopleRepository, ctx: Ctx) {
  requireRole(ctx, 'admin', 'manager');
  const users = await repo.usersWithRoles(isAdmin(ctx) ? STAFF_ROLES : ['worker', 'volunteer']);
  const visible = isAdmin(ctx) ? users : users.filter((u) => revocableBy(ctx, u).length > 0);
  return staffRows(repo, ctx, visible);
}

/** Takes a role away; `loadCaller` reads roles on every call, so it stops working on the person's next call. */
export async function revokeRole(repo: PeopleRepository, input: In<'account', 'revokeRole'>, ctx: Ctx) {
  requireRole(ctx, 'admin', 'manager');
  const target = found(await repo.users.get(input.userId), (u) => revocableBy(ctx, u).length > 0);
  if (!target.roles.includes(input.role)) return (await staffRows(repo, ctx, [target]))[0] as StaffRow;
  if (!revocableBy(ctx, target).includes(input.role))
    throw new AppError(
      'RULE_VIOLATION',
      ctx.caller.user?._id === target._id
        ? '不能撤销自己的管理员角色。'
        : `您不能撤销“${ROLE_LABELS[input.role]}”角色。`,
    );
  const saved = await repo.runInTransaction(async (tx) => {
    const u = found(await tx.users.get(target._id));
    const roles = u.roles.filter((r) => r !== input.role);
    // A checker's department goes with the role, so a later invitation may name another department.
    await tx.users.update(u._id, {
      roles,
      ...(input.role === 'department_reviewer' ? { department: null } : {}),
    });
    await tx.audit(audit(ctx, 'user', u._id, 'role_revoked', `撤销角色：${ROLE_LABELS[input.role]}`));
    return { ...u, roles };
  });
  return (await staffRows(repo, ctx, [saved]))[0] as StaffRow;
}

// ---------------------------------------------------------------- family members

async function familyRows(repo: PeopleRepository, householdId: string) {
  return (await repo.usersOfHousehold(householdId))
    .filter((u) => u.householdRelation === 'member')
    .map((u) => ({
      userId: u._id,
      name: u.name,
      idNumberMasked: u.idNumberMasked ?? '',
      addedAt: u.boundAt ?? u.createdAt,
    }));
}

export async function familyMembers(repo: PeopleRepository, ctx: Ctx) {
  const user = ctx.caller.user;
  if (!user || !isHead(user)) return [];
  return familyRows(repo, user.householdId as string);
}

export async function removeFamilyMember(
  repo: PeopleRepository,
  input: In<'account', 'removeFamilyMember'>,
  ctx: Ctx,
) {
  const user = requireUser(ctx);
  if (!isHead(user)) notFound();
  const householdId = user.householdId as string;
  found(
    await repo.users.get(input.userId),
    (u) => u.householdId === householdId && u.householdRelation === 'member',
  );
  await repo.runInTransaction(async (tx) => {
    await detach(tx, input.userId);
    const binding = await tx.bindings.get(householdId);
    if (binding)
      await tx.bindings.update(householdId, {
        memberUserIds: binding.memberUserIds.filter((m) => m !== input.userId),
        updatedAt: nowIso(ctx),
      });
    await tx.audit(audit(ctx, 'household', householdId, 'member_removed', '户主移除家庭成员'));
  });
  return familyRows(repo, householdId);
}

// ---------------------------------------------------------------- sealing records written in plain text

/**
 * The migration of household records written before ID numbers were sealed: each run seals a bounded batch
 * (`retentionBatch`) of records that still hold a plain `idNumber` and removes the plain field; a rerun
 * finds only what is left. Part of the daily personal-data job.
 */
export async function sealPlainIdNumbers(repo: PeopleRepository, keys: IdKeys) {
  const SETTINGS = PEOPLE_OPERATOR_DEFAULTS;
  const batch = await repo.plainIdHouseholds(SETTINGS.retentionBatch);
  for (const h of batch) {
    const { idNumberCipher, idNumberHash, idNumberMasked } = sealIdNumber(h.idNumber, keys);
    await repo.sealHousehold(h._id, { idNumberCipher, idNumberHash, idNumberMasked });
  }
  return { sealed: batch.length, moreToSeal: batch.length === SETTINGS.retentionBatch };
}

// ---------------------------------------------------------------- retention

/**
 * The retention job (`daily-retention`): exited households whose exit day is more than the retention period
 * ago (`RETENTION_SOURCE`) lose their personal data (name, ID number, phone, income, care reasons, facts),
 * and their users are unbound. A bounded batch per run; a rerun finds only what is left.
 */
export async function eraseExpiredHouseholds(repo: PeopleRepository, now: Date, policy: PolicyPreset) {
  const SETTINGS = peopleSettings(policy);
  const cutoff = addYears(chinaDate(now.getTime()), -SETTINGS.exitedRetentionYears);
  const batch = await repo.exitedBefore(addDays(cutoff, 1), SETTINGS.retentionBatch);
  const at = now.toISOString();
  for (const h of batch) {
    const users = await repo.usersOfHousehold(h._id);
    await repo.runInTransaction(async (tx) => {
      const erased: Partial<HouseholdDoc> = {
        headName: '（已删除）',
        idNumberCipher: '',
        idNumberHash: '',
        idNumberMasked: '',
        phone: '',
        annualIncomeFen: 0,
        specialCare: null,
        applicantBirthDate: '',
        personalDataErasedAt: at,
      };
      await tx.households.update(h._id, erased);
      for (const u of users) await detach(tx, u._id);
      await tx.bindings.set(h._id, { headUserId: null, memberUserIds: [], updatedAt: at });
      await tx.audit({
        entityType: 'household',
        entityId: h._id,
        action: 'personal_data_erased',
        actorUserId: 'system',
        at,
        detail: `退出满保存期限，删除个人信息（${retentionSourceIn(policy)}）`,
      });
    });
  }
  return { erased: batch.length, cutoff, more: batch.length === SETTINGS.retentionBatch };
}
