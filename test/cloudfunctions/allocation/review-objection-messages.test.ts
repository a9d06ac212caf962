import { COLLECTIONS } from '@shared/collections';
import type { SandboxSentDoc } from '../../../cloudfunctions/_local/sandbox-notify.adapter';
import type { MessageDoc } from '../../../cloudfunctions/_runtime/message.documents';
import type { SubscribeSendRequest } from '../../../cloudfunctions/_runtime/notify.port';
import { makeApplication } from '../../factories/housing.factory';
import { addUser, openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * An objection during a review notice reaches the reviewers of that stage (乌兰察布 第十三条: objections are
 * answered in writing by the reviewer): every holder of the stage's review role gets it in their inbox and,
 * with a consent left, as a subscription message; the applicant is told when it is answered. A retried
 * objection or answer sends nothing twice. The clock: Monday 2026-11-23, 10:00 in Beijing.
 */
describe('objections reach the reviewer, answers reach the applicant', () => {
  let t: TestHost;
  let community: TestUser[];
  let street: TestUser;
  let neighbour: TestUser;
  let applicant: TestUser;

  beforeEach(async () => {
    t = await openTestHost('2026-11-23T02:00:00Z');
    community = [
      await addUser(t.db, { id: 'u-rv-c1', roles: ['community_reviewer'] }),
      await addUser(t.db, { id: 'u-rv-c2', roles: ['community_reviewer'] }),
    ];
    street = await addUser(t.db, { id: 'u-rv-s', roles: ['street_reviewer'] });
    neighbour = await addUser(t.db, { id: 'u-neighbour', roles: ['tenant'] });
    applicant = await addUser(t.db, { id: 'u-applicant', roles: [] });
    const { _id, ...app } = makeApplication({
      _id: 'app-1',
      householdId: 'h-1',
      projectId: '',
      status: 'initial_notice',
      applicantUserId: applicant.userId,
      notice: { state: 'initial_notice', startsOn: '2026-11-20', endsOn: '2026-11-30' },
      objections: [],
    });
    await t.db.collection(COLLECTIONS.applications).doc(_id).set(app);
    // One reviewer has a subscription consent left for general notices.
    await t.db.collection(COLLECTIONS.messageConsents).doc('u-rv-c1|general').set({
      userId: 'u-rv-c1',
      kind: 'general',
      remaining: 3,
      requests: [],
      updatedAt: '2026-11-22T02:00:00.000Z',
    });
  });
  afterEach(() => t.close());

  const messagesTo = (userId: string) => t.all<MessageDoc>(COLLECTIONS.outbox, { toUserId: userId });
  const wechat = async () =>
    (await t.all<SandboxSentDoc>(COLLECTIONS.sandboxOutbound, { channel: 'wechat', accepted: true })).map(
      (d) => d.request as SubscribeSendRequest,
    );
  const object = () =>
    t.call('allocation', neighbour.openid, 'fileReviewObjection', {
      applicationId: 'app-1',
      clientRequestId: 'objection-0001',
      text: '该户在外区另有住房',
    });

  it("every reviewer of the stage is told once, however often the objection is retried; other stages' are not", async () => {
    const first = await object();
    expect(first.ok).toBe(true);
    const retried = await object();
    expect(retried.data.id).toBe(first.data.id);

    for (const reviewer of community) {
      const mine = await messagesTo(reviewer.userId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        title: '公示期间收到异议',
        link: { page: 'review', id: 'app-1' },
      });
      const inbox = await t.call('message', reviewer.openid, 'inbox', {});
      expect(inbox.ok).toBe(true);
      expect(JSON.stringify(inbox.data)).toContain('公示期间收到异议');
    }
    expect(await messagesTo(street.userId)).toHaveLength(0);
    // The reviewer with a consent got one subscription message, opening the application.
    const sent = await wechat();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ touser: 'wx-u-rv-c1', page: 'pages/review/index?id=app-1' });
  });

  it('the applicant is told once when the reviewer answers, also when the answer is retried', async () => {
    const filed = await object();
    const answer = () =>
      t.call('allocation', community[0]!.openid, 'answerReviewObjection', {
        applicationId: 'app-1',
        objectionId: filed.data.id,
        answer: '经不动产登记查询，该户无住房，异议不成立。',
        upheld: false,
      });
    expect(await messagesTo(applicant.userId)).toHaveLength(0);
    expect((await answer()).ok).toBe(true);
    expect((await answer()).ok).toBe(true);
    const told = await messagesTo(applicant.userId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: '公示异议已答复', link: { page: 'application', id: null } });
    expect(told[0]!.body).toContain('异议不成立');
  });

  it('an objection refused outside the notice period tells no one', async () => {
    t.clock.set('2026-12-02T02:00:00Z');
    const late = await object();
    expect(late).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
    expect(await t.count(COLLECTIONS.outbox)).toBe(0);
  });
});
