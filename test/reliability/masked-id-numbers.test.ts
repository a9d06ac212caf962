import { COLLECTIONS } from '@shared/collections';
import { isValidIdNumber } from '@shared/rules/people.rule';
import type { HouseholdDoc } from '../../cloudfunctions/_runtime/documents';
import { plainIdNumberOf } from '../factories/housing.factory';
import { ACTION_ROWS } from './action-rows';
import { answerText, buildScenario, type Scenario } from './scenario';

/**
 * ID numbers are masked in every response a tenant, a family member or a volunteer can receive
 * (个人信息保护法 第五十一条; docs/conventions.md §6): every action of every function, called by each of them
 * with the row's valid input (and its spreadsheets opened), carries no whole ID number, neither one the
 * district holds nor any other string that reads as a valid 18-digit number.
 */
describe('no whole ID number reaches a tenant, a family member or a volunteer', () => {
  let s: Scenario;
  let plain: string[];
  beforeAll(async () => {
    s = await buildScenario();
    const households = (await s.db.collection(COLLECTIONS.households).limit(1000).get())
      .data as HouseholdDoc[];
    plain = households.filter((h) => h.idNumberCipher).map((h) => plainIdNumberOf(h));
  }, 60_000);
  afterAll(() => s.close());

  it('the district holds ID numbers to look for, and every action is called', () => {
    expect(new Set(names)).toEqual(new Set(Object.keys(ACTION_ROWS)));
    expect(plain.length).toBeGreaterThan(4);
    expect(plain.every(isValidIdNumber)).toBe(true);
  });

  const callers = [
    ['tenant', 'o-tenant-a1'],
    ['family member', 'o-member-a1'],
    ['volunteer', 'o-volunteer-a'],
  ] as const;
  // Actions that undo the caller's own binding go last, so every other action is called by a bound tenant
  // and family member.
  const LAST = ['account.removeFamilyMember', 'account.unbindHousehold'];
  const names = [...Object.keys(ACTION_ROWS).filter((n) => !LAST.includes(n)), ...LAST];
  const cases = names.flatMap((name) => callers.map(([who, openid]) => [name, who, openid] as const));

  it.each(cases)('%s as the %s', async (name, _who, openid) => {
    const [fn, action] = name.split('.') as [string, string];
    const row = ACTION_ROWS[name]!;
    const answer = await s.host.invoke(fn, { action, ...row.input(s.ids) }, { openid });
    const text = await answerText(answer, s.host);
    const whole = (text.match(/\d{17}[\dXx]/g) ?? []).filter(isValidIdNumber);
    expect({ held: plain.filter((p) => text.includes(p)), whole }).toEqual({ held: [], whole: [] });
  });
});
