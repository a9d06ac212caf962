import { COLLECTIONS } from '@shared/collections';
import type { OfferView } from '@shared/contracts';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import { makeHousehold } from '../../factories/housing.factory';
import { createRng } from '../../factories/rng';
import {
  addProject,
  addUser,
  openTestHost,
  type TestHost,
  type TestUser,
} from '../../factories/scenario.factory';

const ADMIN = 'wx-u-admin';
const NONE = {
  solitaryElderly: false,
  seriousIllnessOrDisabilityWithoutIncome: false,
  entitledGroup: false,
  localPriority: false,
};

/**
 * Dynamic allocation of vacated units (Wuchang 2(2)3): one vacant unit and four waitlisted households whose
 * order a reader can check by hand: tier first (低保 1, 孤寡老人 2, 低收入 6), then the earlier certificate.
 */
describe('vacated units are offered to the waitlist in order', () => {
  let t: TestHost;
  let unitId: string;
  /** In waitlist order: 低保 2021, 低保 2023, 孤寡老人 2024, 低收入 2019. */
  let first: TestUser, second: TestUser, third: TestUser, fourth: TestUser;
  const offer = () => t.call('allocation', ADMIN, 'offerVacancy', { unitId, acceptDays: 3 });
  const respond = (who: TestUser, offerId: string, accept: boolean) =>
    t.call('allocation', who.openid, 'respondOffer', { offerId, accept });
  const householdOf = async (offerId: string) =>
    (await t.doc<{ householdId: string }>(COLLECTIONS.offers, offerId))!.householdId;

  beforeEach(async () => {
    t = await openTestHost('2026-11-22T02:00:00Z');
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    unitId = (await addProject(t.db, { id: 'p-vac', name: '空置家园', floors: 1, perFloor: 1 }))
      .vacantUnitIds[0]!;
    const rng = createRng(11);
    const waiting: [string, Partial<HouseholdDoc>][] = [
      ['w-low', { category: 'low_income', certificateDate: '2019-01-01' }],
      ['w-dibao-late', { category: 'dibao', certificateDate: '2023-06-01' }],
      ['w-dibao-early', { category: 'dibao', certificateDate: '2021-02-01' }],
      [
        'w-elder',
        {
          category: 'low_income',
          certificateDate: '2024-01-01',
          priority: { ...NONE, solitaryElderly: true },
        },
      ],
    ];
    const users = new Map<string, TestUser>();
    for (const [id, over] of waiting) {
      const h = makeHousehold(rng, { _id: id, status: 'waitlisted', priority: NONE, ...over });
      const { _id, ...body } = h;
      await t.db.collection(COLLECTIONS.households).doc(_id).set(body);
      users.set(id, await addUser(t.db, { id: `u-${id}`, roles: [], householdId: id, name: h.headName }));
    }
    [first, second, third, fourth] = ['w-dibao-early', 'w-dibao-late', 'w-elder', 'w-low'].map((id) =>
      users.get(id)!,
    ) as [TestUser, TestUser, TestUser, TestUser];
  });
  afterEach(() => t.close());

  it('offers to the first in line, refuses a second open offer, and tells the household', async () => {
    const made = (await offer()).data as OfferView;
    expect(made).toMatchObject({
      position: 1,
      status: 'offered',
      statusLabel: '待答复',
      projectName: '空置家园',
    });
    expect(await householdOf(made.id)).toBe('w-dibao-early');
    const again = await offer();
    expect(again.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('已向轮候家庭发出邀约'),
    });
    expect(await t.count(COLLECTIONS.offers)).toBe(1);
    const mine = await t.call('allocation', first.openid, 'myOffers');
    expect(mine.data).toEqual([
      expect.objectContaining({ id: made.id, status: 'offered', statusLabel: '待答复' }),
    ]);
    expect((await t.call('allocation', second.openid, 'myOffers')).data).toEqual([]);
    const [message] = await t.all<{ toUserId: string; title: string; body: string }>(COLLECTIONS.outbox);
    expect(message).toMatchObject({ toUserId: first.userId, title: '公租房配租邀约' });
    expect(message!.body).toBe('您有一套空置公租房（1栋-101）的配租邀约，请在 2026-11-25 10:00 前答复。');
  });

  it('moves down the list on decline and on expiry; the accepted unit is reserved and offered no more', async () => {
    const o1 = (await offer()).data as OfferView;
    expect((await respond(first, o1.id, false)).data.status).toBe('declined');
    const o2 = (await offer()).data as OfferView;
    expect(o2.position).toBe(2);
    expect(await householdOf(o2.id)).toBe('w-dibao-late');

    t.clock.advance(4 * 86_400_000); // past the deadline
    expect((await respond(second, o2.id, true)).error.message).toContain('已超过答复期限');
    const o3 = (await offer()).data as OfferView;
    expect(o3.position).toBe(3);
    expect(await householdOf(o3.id)).toBe('w-elder');
    expect(await t.doc(COLLECTIONS.offers, o2.id)).toMatchObject({ status: 'expired' });

    expect((await respond(fourth, o3.id, true)).error.code).toBe('NOT_FOUND');
    expect((await respond(third, o3.id, true)).data.status).toBe('accepted');
    expect((await respond(third, o3.id, true)).data.status).toBe('accepted');
    expect(await t.doc(COLLECTIONS.units, unitId)).toMatchObject({ status: 'reserved' });
    expect((await offer()).error.code).toBe('STATE_INVALID');
    const trail = (await t.call('allocation', ADMIN, 'auditLog', { entityId: unitId })).data as {
      action: string;
    }[];
    expect(trail.map((e) => e.action)).toEqual([
      'offered',
      'offer_declined',
      'offered',
      'offered',
      'offer_accepted',
    ]);
    // A reserved unit is no longer vacant.
    const list = await t.call('allocation', ADMIN, 'listVacancies', { projectId: 'p-vac' });
    expect(list.data).toEqual([]);
  });

  it('lists the project’s vacant units with their latest offer', async () => {
    const before = await t.call('allocation', ADMIN, 'listVacancies', { projectId: 'p-vac' });
    expect(before.data).toEqual([
      { unit: expect.objectContaining({ id: unitId, label: '1栋-101' }), offer: null },
    ]);
    const made = (await offer()).data as OfferView;
    const after = await t.call('allocation', ADMIN, 'listVacancies', { projectId: 'p-vac' });
    expect(after.data[0].offer).toMatchObject({ id: made.id, position: 1, status: 'offered' });
  });

  it('only the housing office can offer, and a refusal writes nothing', async () => {
    const res = await t.call('allocation', first.openid, 'offerVacancy', { unitId, acceptDays: 3 });
    expect(res.error.code).toBe('NOT_FOUND');
    expect(
      (await t.call('allocation', first.openid, 'listVacancies', { projectId: 'p-vac' })).error.code,
    ).toBe('NOT_FOUND');
    expect(await t.count(COLLECTIONS.offers)).toBe(0);
    expect(await t.count(COLLECTIONS.outbox)).toBe(0);
  });
});
