import { COLLECTIONS } from '@shared/collections';
import type { OfferView } from '@shared/contracts';
import { priorityTier } from '@shared/rules/priority.rule';
import { orderWaitlist } from '@shared/rules/waitlist.rule';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; data?: any; error?: any };
let clock = new Date('2026-11-22T02:00:00Z');

/** Dynamic allocation of vacated units (Wuchang 2(2)3): waitlist order, deadlines, decline and expiry. */
describe('vacated units are offered to the waitlist in order', () => {
  let host: LocalHost;
  let expected: string[];
  const admin = (action: string, input: object) =>
    host.invoke('allocation', { action, ...input }, { openid: 'demo-admin' }) as Promise<Answer>;

  async function userFor(householdId: string): Promise<string> {
    const openid = `wx-${householdId}`;
    await host.runtime.db
      .collection(COLLECTIONS.users)
      .add({ openid, name: 'x', roles: [], householdId, createdAt: clock.toISOString() });
    return openid;
  }

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
    const waiting = (
      await host.runtime.db
        .collection(COLLECTIONS.households)
        .where({ status: 'waitlisted' })
        .limit(1000)
        .get()
    ).data as HouseholdDoc[];
    expected = orderWaitlist(
      waiting.map((h) => ({
        householdId: h._id,
        tier: priorityTier({ category: h.category, ...h.priority }, host.runtime.policy),
        certificateDate: h.certificateDate,
      })),
    ).map((e) => e.householdId);
  });
  afterAll(() => host.close());

  it('offers, refuses a second open offer, then moves down the list on decline and on expiry', async () => {
    const vacancies = (await admin('listVacancies', { projectId: 'p-huimin' })).data as {
      unit: { id: string };
    }[];
    expect(vacancies.length).toBeGreaterThan(0);
    const unitId = vacancies[0]!.unit.id;

    const first = (await admin('offerVacancy', { unitId, acceptDays: 3 })).data as OfferView;
    expect(first.position).toBe(1);
    const firstHousehold = (
      (await host.runtime.db.collection(COLLECTIONS.offers).doc(first.id).get()).data[0] as {
        householdId: string;
      }
    ).householdId;
    expect(firstHousehold).toBe(expected[0]);
    expect((await admin('offerVacancy', { unitId, acceptDays: 3 })).error.code).toBe('STATE_INVALID');

    const firstUser = await userFor(firstHousehold);
    const mine = (await host.invoke('allocation', { action: 'myOffers' }, { openid: firstUser })) as Answer;
    expect(mine.data[0]).toMatchObject({ id: first.id, status: 'offered', statusLabel: '待答复' });
    const declined = (await host.invoke(
      'allocation',
      { action: 'respondOffer', offerId: first.id, accept: false },
      { openid: firstUser },
    )) as Answer;
    expect(declined.data.status).toBe('declined');

    const second = (await admin('offerVacancy', { unitId, acceptDays: 3 })).data as OfferView;
    expect(second.position).toBe(2);
    const secondHousehold = (
      (await host.runtime.db.collection(COLLECTIONS.offers).doc(second.id).get()).data[0] as {
        householdId: string;
      }
    ).householdId;
    expect(secondHousehold).toBe(expected[1]);
    const secondUser = await userFor(secondHousehold);

    clock = new Date(clock.getTime() + 4 * 86_400_000); // past the deadline
    const late = (await host.invoke(
      'allocation',
      { action: 'respondOffer', offerId: second.id, accept: true },
      { openid: secondUser },
    )) as Answer;
    expect(late.error.message).toContain('已超过答复期限');
    const third = (await admin('offerVacancy', { unitId, acceptDays: 3 })).data as OfferView;
    expect(third.position).toBe(3);
    expect(
      (
        (await host.runtime.db.collection(COLLECTIONS.offers).doc(second.id).get()).data[0] as {
          status: string;
        }
      ).status,
    ).toBe('expired');

    const thirdHousehold = (
      (await host.runtime.db.collection(COLLECTIONS.offers).doc(third.id).get()).data[0] as {
        householdId: string;
      }
    ).householdId;
    const thirdUser = await userFor(thirdHousehold);
    const someoneElse = (await host.invoke(
      'allocation',
      { action: 'respondOffer', offerId: third.id, accept: true },
      { openid: firstUser },
    )) as Answer;
    expect(someoneElse.error.code).toBe('NOT_FOUND');
    const accepted = (await host.invoke(
      'allocation',
      { action: 'respondOffer', offerId: third.id, accept: true },
      { openid: thirdUser },
    )) as Answer;
    expect(accepted.data.status).toBe('accepted');
    const again = (await host.invoke(
      'allocation',
      { action: 'respondOffer', offerId: third.id, accept: true },
      { openid: thirdUser },
    )) as Answer;
    expect(again.data.status).toBe('accepted');
    expect((await host.runtime.db.collection(COLLECTIONS.units).doc(unitId).get()).data[0]).toMatchObject({
      status: 'reserved',
    });
    expect((await admin('offerVacancy', { unitId, acceptDays: 3 })).error.code).toBe('STATE_INVALID');
    const trail = (await admin('auditLog', { entityId: unitId })).data as { action: string }[];
    expect(trail.map((e) => e.action)).toEqual([
      'offered',
      'offer_declined',
      'offered',
      'offered',
      'offer_accepted',
    ]);
  });

  it('only the housing office can offer', async () => {
    const res = (await host.invoke(
      'allocation',
      { action: 'offerVacancy', unitId: 'x', acceptDays: 3 },
      { openid: 'demo-tenant' },
    )) as Answer;
    expect(res.error.code).toBe('NOT_FOUND');
  });
});
