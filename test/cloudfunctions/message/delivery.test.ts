import { COLLECTIONS } from '@shared/collections';
import { MESSAGE_OPERATOR_DEFAULTS } from '@shared/rules/messages.rule';
import type { SandboxSentDoc } from '../../../cloudfunctions/_local/sandbox-notify.adapter';
import { deliverOne, drainOutbox, messageIdOf } from '../../../cloudfunctions/_runtime/message-delivery';
import type { AttemptDoc, MessageDoc } from '../../../cloudfunctions/_runtime/message.documents';
import { addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

const START = new Date('2026-11-22T02:00:00Z');
const MIN = 60_000;

/**
 * The sender against the WeChat sandbox (issue #18): one send per consent, consent used up → inbox only,
 * temporary failures retried with backoff, permanent ones and refusals dead-lettered with the reason, a
 * record per attempt, bounded batches, and never a second send after a crash between call and record.
 */
describe('message delivery', () => {
  let t: TestHost;
  const TENANT = 'wx-u-tenant';

  const consent = async (openid: string, moment: string, id = 'consent-req-0001') => {
    const templates = await t.call('message', openid, 'subscribeTemplates', { moment });
    expect(templates.ok).toBe(true);
    const r = await t.call('message', openid, 'recordConsent', {
      clientRequestId: id,
      results: templates.data.templates.map((x: { templateId: string }) => ({
        templateId: x.templateId,
        result: 'accept',
      })),
    });
    expect(r.ok).toBe(true);
    return r.data.consents as { kind: string; remaining: number }[];
  };
  const queue = (n: number, toUserId = 'u-tenant') =>
    t.host.runtime.messages.enqueue({
      toUserId,
      template: 'repair_update',
      title: `报修进度 ${n}`,
      body: `您的报修有新进度 ${n}`,
      dedupeKey: `test|${toUserId}|${n}`,
      fields: { what: '水管报修', status: '已派单', time: '2026-11-22 10:00', note: `第 ${n} 条` },
      link: { page: 'repair', id: `r-${n}` },
    });
  const msg = (n: number, toUserId = 'u-tenant') =>
    t.doc<MessageDoc>(COLLECTIONS.outbox, messageIdOf(`test|${toUserId}|${n}`));
  const sent = () =>
    t.all<SandboxSentDoc>(COLLECTIONS.sandboxOutbound, { channel: 'wechat', accepted: true });
  const attempts = (messageId: string) => t.all<AttemptDoc>(COLLECTIONS.messageAttempts, { messageId });
  const deps = () => ({
    db: t.db,
    channels: t.host.runtime.notify,
    now: () => t.clock.now(),
    log: t.host.runtime.log,
  });

  beforeEach(async () => {
    t = await openTestHost(START);
    await addUser(t.db, { id: 'u-tenant', roles: ['tenant'], name: '王芳', openid: TENANT });
  });
  afterEach(() => t.close());

  it('a consent sends one subscription message at once; the next, with the consent used up, reaches the inbox only', async () => {
    expect(await consent(TENANT, 'repair_filed')).toEqual([{ kind: 'repair_update', remaining: 1 }]);
    await queue(1);
    t.clock.advance(MIN);
    await queue(2);
    expect((await msg(1))!.status).toBe('sent');
    expect((await msg(2))!).toMatchObject({
      status: 'inbox_only',
      reason: '没有可用的订阅次数，仅在消息页提醒',
    });
    const [one, ...more] = await sent();
    expect(more).toHaveLength(0);
    expect(one!.request).toEqual({
      touser: TENANT,
      template_id: 'sandbox-tmpl-repair_update',
      page: 'pages/repair/index?id=r-1',
      data: {
        thing1: { value: '水管报修' },
        thing2: { value: '已派单' },
        time3: { value: '2026-11-22 10:00' },
        thing4: { value: '第 1 条' },
      },
      miniprogram_state: 'developer',
      lang: 'zh_CN',
    });
    // Both are in the person's inbox.
    const inbox = await t.call('message', TENANT, 'inbox', {});
    expect(
      inbox.data.items.map((i: { title: string; deliveryLabel: string }) => [i.title, i.deliveryLabel]),
    ).toEqual([
      ['报修进度 2', '仅在消息页提醒'],
      ['报修进度 1', '已通过微信通知'],
    ]);
    expect(inbox.data.unread).toBe(2);
    // The timer finds nothing more to send.
    expect((await t.trigger('message', 'message-sender')).data).toMatchObject({ tried: 0, sent: 0 });
    expect(await sent()).toHaveLength(1);
  });

  it('a retried consent request counts once; a template the server does not know adds nothing', async () => {
    await consent(TENANT, 'bills_opened', 'consent-req-0007');
    expect(await consent(TENANT, 'bills_opened', 'consent-req-0007')).toEqual([
      { kind: 'rent_due', remaining: 1 },
      { kind: 'rent_overdue', remaining: 1 },
    ]);
    const bogus = await t.call('message', TENANT, 'recordConsent', {
      clientRequestId: 'consent-req-0008',
      results: [{ templateId: 'not-ours', result: 'accept' }],
    });
    expect(bogus.data.consents).toEqual([]);
    expect(await t.count(COLLECTIONS.messageConsents)).toBe(2);
  });

  it('a temporary failure is retried after the backoff and keeps the consent; the attempts are recorded', async () => {
    await consent(TENANT, 'repair_filed');
    t.host.sandbox.failWechat(-1);
    await queue(1);
    const after = (await msg(1))!;
    expect(after).toMatchObject({ status: 'retry', attempts: 1, reason: '微信系统繁忙' });
    expect(after.nextAttemptAt).toBe(
      new Date(START.getTime() + MESSAGE_OPERATOR_DEFAULTS.retryBaseSeconds * 1000).toISOString(),
    );
    // Not before its time.
    expect((await t.trigger('message', 'message-sender')).data.tried).toBe(0);
    t.clock.advance(MESSAGE_OPERATOR_DEFAULTS.retryBaseSeconds * 1000);
    expect((await t.trigger('message', 'message-sender')).data).toMatchObject({ tried: 1, sent: 1 });
    expect((await msg(1))!.status).toBe('sent');
    expect(
      (await attempts(messageIdOf('test|u-tenant|1'))).map((a) => [a.attempt, a.outcome, a.code]).sort(),
    ).toEqual([
      [1, 'retry', '-1'],
      [2, 'sent', '0'],
    ]);
    expect(
      (await t.doc<{ remaining: number }>(COLLECTIONS.messageConsents, 'u-tenant|repair_update'))!.remaining,
    ).toBe(0);
    expect(await sent()).toHaveLength(1);
  });

  it('tries run out: dead-lettered with the reason after the configured number of attempts, doubling the wait', async () => {
    await consent(TENANT, 'repair_filed');
    const tries = MESSAGE_OPERATOR_DEFAULTS.maxAttempts;
    t.host.sandbox.failWechat(...Array.from({ length: tries }, () => 45009));
    await queue(1);
    const waits: number[] = [];
    for (let i = 1; i < tries; i++) {
      const m = (await msg(1))!;
      expect(m.status).toBe('retry');
      waits.push((Date.parse(m.nextAttemptAt!) - t.clock.now().getTime()) / 1000);
      t.clock.set(m.nextAttemptAt!);
      await t.trigger('message', 'message-sender');
    }
    expect(waits).toEqual([60, 120, 240, 480].slice(0, tries - 1));
    expect((await msg(1))!).toMatchObject({
      status: 'dead',
      attempts: tries,
      reason: '多次重试仍未送达（微信接口调用超过限额）',
    });
    expect(await attempts(messageIdOf('test|u-tenant|1'))).toHaveLength(tries);
  });

  it('a refused subscription (43101) is not retried and leaves no consent; a permanent error is dead-lettered', async () => {
    await consent(TENANT, 'repair_filed', 'consent-req-0001');
    await consent(TENANT, 'repair_filed', 'consent-req-0002');
    t.host.sandbox.failWechat(43101);
    await queue(1);
    expect((await msg(1))!).toMatchObject({ status: 'dead', reason: '用户拒收或已取消订阅' });
    expect(
      (await t.doc<{ remaining: number }>(COLLECTIONS.messageConsents, 'u-tenant|repair_update'))!.remaining,
    ).toBe(0);
    t.clock.advance(3_600_000);
    expect((await t.trigger('message', 'message-sender')).data.tried).toBe(0);

    await consent(TENANT, 'repair_filed', 'consent-req-0003');
    t.host.sandbox.failWechat(47003);
    await queue(2);
    expect((await msg(2))!).toMatchObject({ status: 'dead', reason: '模板内容不符合要求' });
    expect(await sent()).toHaveLength(0);
    // Still in the inbox, saying it could not be delivered.
    const inbox = await t.call('message', TENANT, 'inbox', {});
    expect(inbox.data.items.map((i: { deliveryLabel: string }) => i.deliveryLabel)).toEqual([
      '未能通过微信或短信送达，仅在消息页提醒',
      '未能通过微信或短信送达，仅在消息页提醒',
    ]);
  });

  it('a crash between the WeChat call and the record never sends twice', async () => {
    await consent(TENANT, 'repair_filed', 'consent-req-0001');
    await consent(TENANT, 'repair_filed', 'consent-req-0002');
    // Queue without the immediate send (as if that process died first), then crash the sender mid-way.
    t.host.sandbox.failWechat(45009);
    await queue(1);
    const id = messageIdOf('test|u-tenant|1');
    t.clock.advance(MESSAGE_OPERATOR_DEFAULTS.retryBaseSeconds * 1000);
    const crash = new Error('process died');
    await expect(
      deliverOne(
        {
          ...deps(),
          afterPlatformCall: () => {
            throw crash;
          },
        },
        id,
      ),
    ).rejects.toBe(crash);
    expect(await sent()).toHaveLength(1);
    expect((await msg(1))!.status).toBe('sending');
    // Reruns while the lease holds leave it alone; after it runs out the outcome is unknown: dead, not resent.
    expect((await drainOutbox(deps())).tried).toBe(0);
    expect(await deliverOne(deps(), id)).toEqual({ messageId: id, outcome: 'skipped' });
    t.clock.advance(MESSAGE_OPERATOR_DEFAULTS.leaseSeconds * 1000 + 1);
    expect(await drainOutbox(deps())).toMatchObject({ interrupted: 1, tried: 0 });
    expect((await msg(1))!.status).toBe('dead');
    expect((await attempts(id)).find((a) => a.attempt === 2)!.outcome).toBe('unknown');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3_600_000);
      await t.trigger('message', 'message-sender');
    }
    expect(await sent()).toHaveLength(1);
  });

  it('a sender run handles at most its batch and leaves the rest for the next run', async () => {
    // Queue 5 with the WeChat sandbox busy, so they all wait to be retried.
    await consent(TENANT, 'repair_filed', 'consent-req-0001');
    for (let i = 2; i <= 5; i++) await consent(TENANT, 'repair_filed', `consent-req-000${i}`);
    t.host.sandbox.failWechat(-1, -1, -1, -1, -1);
    for (let i = 1; i <= 5; i++) await queue(i);
    t.clock.advance(MESSAGE_OPERATOR_DEFAULTS.retryBaseSeconds * 1000);
    const first = await drainOutbox(deps(), 2);
    expect(first).toMatchObject({ tried: 2, sent: 2, more: true });
    const second = await drainOutbox(deps(), 10);
    expect(second).toMatchObject({ tried: 3, sent: 3, more: false });
    expect(await sent()).toHaveLength(5);
  });
});
