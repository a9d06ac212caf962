import { COLLECTIONS } from '@shared/collections';
import { messageIdOf } from '../../../cloudfunctions/_runtime/message-delivery';
import { addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

const START = new Date('2026-11-22T02:00:00Z');

/** The 消息 inbox (issue #18): a person's messages are theirs alone; opening one marks it read. */
describe('the inbox', () => {
  let t: TestHost;
  const queue = (toUserId: string, n: number, template: 'rent_due' | 'repair_update' = 'rent_due') =>
    t.host.runtime.messages.enqueue({
      toUserId,
      template,
      title: `提醒 ${n}`,
      body: `${toUserId} 的第 ${n} 条提醒`,
      dedupeKey: `inbox-test|${toUserId}|${n}`,
      fields: { what: '租金', amount: '100.00元', dueDate: '2026-12-15', note: '请按时缴纳' },
      link: { page: 'bill', id: `bill-${toUserId}-${n}` },
    });

  beforeEach(async () => {
    t = await openTestHost(START);
    await addUser(t.db, { id: 'u-a', roles: ['tenant'], name: '甲' });
    await addUser(t.db, { id: 'u-b', roles: ['tenant'], name: '乙' });
    await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '赵磊' });
    for (let n = 1; n <= 3; n++) {
      await queue('u-a', n);
      t.clock.advance(60_000);
    }
    await queue('u-b', 1);
  });
  afterEach(() => t.close());

  it('shows each person only their own messages, newest first, with the record each is about', async () => {
    const a = await t.call('message', 'wx-u-a', 'inbox', {});
    expect(a.data.items.map((i: { title: string; link: unknown }) => [i.title, i.link])).toEqual([
      ['提醒 3', { page: 'bill', id: 'bill-u-a-3' }],
      ['提醒 2', { page: 'bill', id: 'bill-u-a-2' }],
      ['提醒 1', { page: 'bill', id: 'bill-u-a-1' }],
    ]);
    expect(JSON.stringify(a.data)).not.toContain('u-b');
    const b = await t.call('message', 'wx-u-b', 'inbox', {});
    expect(b.data.items.map((i: { body: string }) => i.body)).toEqual(['u-b 的第 1 条提醒']);
    // The office has no inbox view of other people's messages.
    expect((await t.call('message', 'wx-u-admin', 'inbox', {})).data.items).toEqual([]);
    expect((await t.call('message', null, 'inbox', {})).error.code).toBe('UNAUTHENTICATED');
  });

  it('pages with the cursor of the last one shown', async () => {
    const first = await t.call('message', 'wx-u-a', 'inbox', { limit: 2 });
    expect(first.data).toMatchObject({ more: true });
    const rest = await t.call('message', 'wx-u-a', 'inbox', { limit: 2, before: first.data.next });
    expect(rest.data).toMatchObject({ more: false, next: null });
    expect(rest.data.items.map((i: { title: string }) => i.title)).toEqual(['提醒 1']);
  });

  it('opening a message marks it read and lowers the unread count; someone else’s is NOT_FOUND and stays unread', async () => {
    expect((await t.call('message', 'wx-u-a', 'unreadCount', {})).data).toEqual({
      unread: 3,
      urgentUnread: 0,
    });
    const id = messageIdOf('inbox-test|u-a|2');
    const opened = await t.call('message', 'wx-u-a', 'markRead', { messageId: id });
    expect(opened.data).toMatchObject({ id, read: true });
    expect((await t.call('message', 'wx-u-a', 'markRead', { messageId: id })).data.read).toBe(true);
    expect((await t.call('message', 'wx-u-a', 'unreadCount', {})).data.unread).toBe(2);

    const theirs = messageIdOf('inbox-test|u-b|1');
    for (const openid of ['wx-u-a', 'wx-u-admin'])
      expect((await t.call('message', openid, 'markRead', { messageId: theirs })).error.code).toBe(
        'NOT_FOUND',
      );
    expect((await t.doc<{ read: boolean }>(COLLECTIONS.outbox, theirs))!.read).toBe(false);
    expect((await t.call('message', 'wx-u-a', 'markRead', { messageId: id, extra: 1 })).error.code).toBe(
      'INVALID_INPUT',
    );
  });

  it('the office sees delivery figures per kind: sent, failed, waiting, inbox only', async () => {
    // u-b consents to rent reminders: the next one is sent; a temporary failure leaves one waiting.
    const templates = await t.call('message', 'wx-u-b', 'subscribeTemplates', { moment: 'bills_opened' });
    await t.call('message', 'wx-u-b', 'recordConsent', {
      clientRequestId: 'consent-stats-01',
      results: templates.data.templates.map((x: { templateId: string }) => ({
        templateId: x.templateId,
        result: 'accept',
      })),
    });
    await t.call('message', 'wx-u-b', 'recordConsent', {
      clientRequestId: 'consent-stats-02',
      results: templates.data.templates.map((x: { templateId: string }) => ({
        templateId: x.templateId,
        result: 'accept',
      })),
    });
    await t.call('message', 'wx-u-b', 'recordConsent', {
      clientRequestId: 'consent-stats-03',
      results: templates.data.templates.map((x: { templateId: string }) => ({
        templateId: x.templateId,
        result: 'accept',
      })),
    });
    await queue('u-b', 2);
    t.host.sandbox.failWechat(-1);
    await queue('u-b', 3);
    t.host.sandbox.failWechat(40037);
    await queue('u-b', 4);
    const stats = await t.call('message', 'wx-u-admin', 'deliveryStats', {});
    expect(stats.data.rows.find((r: { kind: string }) => r.kind === 'rent_due')).toEqual({
      kind: 'rent_due',
      label: '租金到期提醒',
      sent: 1,
      failed: 1,
      waiting: 1,
      inboxOnly: 4,
    });
    expect((await t.call('message', 'wx-u-a', 'deliveryStats', {})).error.code).toBe('NOT_FOUND');
  });
});
