import { COLLECTIONS } from '@shared/collections';
import { currentSettings } from '@shared/rules/district-settings.rule';
import { OPERATOR_CONSTANT_DEFAULTS } from '@shared/rules/operator-constants.rule';
import { messageIdOf } from '../../../cloudfunctions/_runtime/message-delivery';
import type { MessageDoc } from '../../../cloudfunctions/_runtime/message.documents';
import { addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

const START = new Date('2026-11-22T02:00:00Z');

/**
 * The message function's sender follows the district's saved message settings (运营方设定: tries, first
 * retry wait), read in one place (the handler lays them over the call's channels): saving a smaller number of
 * tries on the settings page changes what the `message-sender` timer does with a failing message.
 */
describe("the sender timer follows the district's saved message settings", () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost(START);
    await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '住房办' });
    await addUser(t.db, { id: 'u-tenant', roles: ['tenant'], name: '王芳', openid: 'wx-u-tenant' });
    await t.db.collection(COLLECTIONS.messageConsents).doc('u-tenant|general').set({
      userId: 'u-tenant',
      kind: 'general',
      remaining: 10,
      requests: [],
      updatedAt: START.toISOString(),
    });
  });
  afterEach(() => t.close());

  const queue = (n: number) =>
    t.host.runtime.messages.enqueue({
      toUserId: 'u-tenant',
      template: 'general',
      title: `通知 ${n}`,
      body: `内容 ${n}`,
      dedupeKey: `saved-settings|${n}`,
      fields: { title: `通知 ${n}`, body: `内容 ${n}` },
    });
  const msg = async (n: number) =>
    (await t.doc<MessageDoc>(COLLECTIONS.outbox, messageIdOf(`saved-settings|${n}`)))!;
  /** Fails the message's first two sends and runs the sender once it is due again. */
  const twoFailures = async (n: number) => {
    t.host.sandbox.failWechat(45009, 45009);
    await queue(n);
    expect(await msg(n)).toMatchObject({ status: 'retry', attempts: 1 });
    t.clock.set((await msg(n)).nextAttemptAt!);
    expect((await t.trigger('message', 'message-sender')).ok).toBe(true);
    return msg(n);
  };

  it('with the defaults a second failure is retried; after saving two tries, it is the last', async () => {
    expect(OPERATOR_CONSTANT_DEFAULTS.messageLimits.maxAttempts).toBeGreaterThan(2);
    expect(await twoFailures(1)).toMatchObject({ status: 'retry', attempts: 2 });

    const saved = await t.call('account', 'wx-u-admin', 'saveDistrictSettings', {
      requestKey: 'key-sender-tries',
      note: '',
      effectiveFrom: '2026-11-01',
      values: {
        ...currentSettings(t.host.runtime.policy).values,
        messageLimits: { ...OPERATOR_CONSTANT_DEFAULTS.messageLimits, maxAttempts: 2 },
      },
    });
    expect(saved.ok).toBe(true);
    expect(await twoFailures(2)).toMatchObject({ status: 'dead', attempts: 2 });
  });
});
