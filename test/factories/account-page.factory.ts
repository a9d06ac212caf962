import {
  invitationView,
  meResult,
  myDataResult,
  type InvitationView,
  type MeResult,
  type MyDataResult,
} from '@shared/contracts';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import type { fakeBackend } from '../client/fake-backend';

/**
 * What the account pages (绑定, 加入, 我的数据, 人员与邀请, 首页) are answered with in the page tests. Every
 * result is parsed with the contract's schema, so a fixture cannot fall behind the contract unnoticed.
 */

/** A notice agreed to in its current version. */
export const CONSENT_GIVEN = { version: PRIVACY_NOTICE.version, at: '2026-11-22T02:00:00.000Z' };

/** The caller's consents: which of the two notices (personal, sensitive) are agreed to. */
export function consents(personal: boolean, sensitive: boolean): MyDataResult['consents'] {
  return {
    personal: personal ? CONSENT_GIVEN : null,
    sensitive: sensitive ? CONSENT_GIVEN : null,
    currentVersion: PRIVACY_NOTICE.version,
  };
}

/**
 * `account.myData` for a new user (新用户, no role, no household) who has agreed to both notices; a test that
 * needs the notices unanswered passes `consents: consents(false, false)`.
 */
export function myData(overrides: Partial<MyDataResult> = {}): MyDataResult {
  return myDataResult.parse({
    name: '新用户',
    roles: [],
    projectNames: [],
    phoneMasked: null,
    idNumberMasked: null,
    consents: consents(true, true),
    household: null,
    corrections: [],
    retention: '运营方设定',
    ...overrides,
  });
}

/** `account.me` for a user with these roles and nothing else on their home page (no tenancy, no projects). */
export function me(
  roles: MeResult['user']['roles'],
  name = '欧阳明',
  overrides: Partial<Omit<MeResult, 'user'>> & { user?: Partial<MeResult['user']> } = {},
): MeResult {
  const { user, ...rest } = overrides;
  return meResult.parse({
    user: { id: 'u-1', name, roles, householdRelation: roles.includes('tenant') ? 'head' : null, ...user },
    tenant: null,
    projects: [],
    volunteer: null,
    admin: null,
    ...rest,
  });
}

const HUIMIN = {
  id: 'p1',
  name: '惠民家园',
  units: 1,
  occupied: 1,
  vacant: 0,
  leasesInArrears: 0,
  arrearsFen: 0,
};

/** 赵磊 of the housing office, who sees these projects (by default the one project 惠民家园). */
export function officeMe(projects: MeResult['projects'] = [HUIMIN]): MeResult {
  return me(['admin'], '赵磊', {
    user: { id: 'u-admin' },
    projects,
    admin: { applicationsByStatus: {}, calendarMissingYear: null },
  });
}

/**
 * The people page (人员与邀请) as the housing office (`office`, by default `officeMe()`) opens it: nothing
 * invited, bound or logged yet. The lists a test is about are answered again after this call (a later answer
 * replaces the earlier one).
 */
export function answerPeoplePage(
  backend: ReturnType<typeof fakeBackend>,
  office: MeResult = officeMe(),
): ReturnType<typeof fakeBackend> {
  return backend
    .on('account', 'me', office)
    .on('account', 'invitations', [])
    .on('account', 'staff', [])
    .on('account', 'familyMembers', [])
    .on('account', 'bindings', [])
    .on('account', 'idAccessLog', [])
    .on('account', 'corrections', []);
}

/**
 * What `account.createInvitation` answers for the office's new invitation of a 物业管家 (code ABCDEFGH, open
 * for a week from 22 November): the role and note as sent, the projects' names as the test says.
 */
export function createdInvitation(
  input: { role: InvitationView['role']; note: string },
  projectNames: string[],
): InvitationView {
  return invitationView.parse({
    id: 'inv-1',
    code: 'ABCDEFGH',
    path: '/pages/join/index?code=ABCDEFGH',
    role: input.role,
    roleLabel: '物业管家',
    departmentLabel: null,
    projectNames,
    note: input.note,
    createdByName: '赵磊',
    createdAt: '2026-11-22T02:00:00.000Z',
    expiresAt: '2026-11-29T02:00:00.000Z',
    status: 'open',
    statusLabel: '待接受',
    acceptedByName: null,
  });
}

/** Runs each test of the file (or describe block) as the local demo (`ANJU_LOCAL`), which the sandbox phone needs. */
export function inLocalDemo(): void {
  const g = globalThis as Record<string, unknown>;
  beforeEach(() => void (g.ANJU_LOCAL = true));
  afterEach(() => void (g.ANJU_LOCAL = false));
}
