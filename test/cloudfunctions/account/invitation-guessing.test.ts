import { COLLECTIONS } from '@shared/collections';
import { PEOPLE_OPERATOR_DEFAULTS } from '@shared/rules/people.rule';
import type { UserDoc } from '../../../cloudfunctions/_runtime/caller';
import type { AuditDoc } from '../../../cloudfunctions/_runtime/documents';
import { addProject, addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * The join action answers whether an invitation code exists, so unknown codes are counted per person per
 * China day: past the limit even a live code is refused until the next day.
 */
const NOW = '2026-11-22T02:00:00Z'; // 10:00 in Beijing
let t: TestHost;

beforeEach(async () => {
  t = await openTestHost(NOW);
  await addProject(t.db, { id: 'p1', tenants: 0 });
  await addUser(t.db, { id: 'admin', roles: ['admin'], name: '赵磊', openid: 'o-admin' });
});
afterEach(() => t.close());

const invite = () =>
  t.call('account', 'o-admin', 'createInvitation', {
    role: 'volunteer',
    projectIds: ['p1'],
    note: '',
    validDays: 7,
    clientRequestId: 'req-guess',
  });
const accept = (openid: string, code: string) => t.call('account', openid, 'acceptInvitation', { code });
const wrongCode = (i: number) => `ZZZZZZ${'ABCDEFGHJK'[i % 10]}${'23456789'[Math.floor(i / 10) % 8]}`;

describe('guessing invitation codes', () => {
  it(`stops a person after ${PEOPLE_OPERATOR_DEFAULTS.invitationCodeAttemptsPerDay} unknown codes a day, audited, until the next day`, async () => {
    const limit = PEOPLE_OPERATOR_DEFAULTS.invitationCodeAttemptsPerDay;
    const live = (await invite()).data.code as string;
    for (let i = 0; i < limit; i++) {
      const res = await accept('o-guess', wrongCode(i));
      expect(res.error).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('邀请码不存在'),
      });
    }
    // The live code no longer helps today, and no role was granted.
    const limited = await accept('o-guess', live);
    expect(limited.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('明天再试'),
    });
    const guesser = (await t.all<UserDoc>(COLLECTIONS.users)).find((u) => u.openid === 'o-guess');
    expect(guesser?.roles).toEqual([]);
    const wrong = (await t.all<AuditDoc>(COLLECTIONS.auditLog)).filter(
      (a) => a.action === 'invitation_code_wrong',
    );
    expect(wrong).toHaveLength(limit);
    expect(JSON.stringify(wrong)).not.toContain('ZZZZ'); // what was typed is not kept
    // Someone else is not affected, and the next China day the guesser may try again.
    t.clock.set('2026-11-22T16:00:01Z');
    expect((await accept('o-guess', live)).ok).toBe(true);
  });

  it('a right code on the first try counts nothing', async () => {
    const live = (await invite()).data.code as string;
    expect((await accept('o-first', live)).ok).toBe(true);
    expect((await t.all(COLLECTIONS.attemptCounters)).length).toBe(0);
  });
});
