import { COLLECTIONS } from '@shared/collections';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import type { SandboxSentDoc } from '../../cloudfunctions/_local/sandbox-notify.adapter';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program asks for subscription messages on a tap (issue #18): the bills page's 接收微信通知
 * opens wx.requestSubscribeMessage with the rent templates, the answer is recorded server-side as one consent
 * per accepted template, and the next rent reminder goes out as a subscription message.
 */
describe('mini-program (compiled weapp build): subscribing to rent reminders', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const asked: string[][] = [];

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid: 'demo-tenant' }), {
      requestSubscribeMessage: (options: {
        tmplIds: string[];
        success?: (r: Record<string, string>) => void;
      }) => {
        asked.push(options.tmplIds);
        const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
        options.tmplIds.forEach((id, i) => (res[id] = i === 0 ? 'accept' : 'reject'));
        options.success?.(res);
      },
      showToast: () => undefined,
    });
  });
  afterAll(() => host.close());

  it('asks on the tap, records the accepted template, and the next reminder is sent through WeChat', async () => {
    const page = await mp.openPage('pages/bills/index');
    await page.waitForText('接收微信通知');
    await page.tap('subscribe-bills_opened-button');
    for (let i = 0; i < 100 && asked.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([['sandbox-tmpl-rent_due', 'sandbox-tmpl-rent_overdue']]);
    const consents = async () =>
      (await host.runtime.db.collection(COLLECTIONS.messageConsents).where({ userId: 'u-tenant' }).get())
        .data as {
        kind: string;
        remaining: number;
      }[];
    for (let i = 0; i < 100 && (await consents()).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await consents()).map((c) => [c.kind, c.remaining])).toEqual([['rent_due', 1]]);

    await host.runtime.messages.enqueue({
      toUserId: 'u-tenant',
      template: 'rent_due',
      title: '租金即将到期',
      body: '12 月租金请于 12 月 15 日前缴纳。',
      dedupeKey: 'mp-subscribe-test',
      fields: {
        what: '2026-12 月租金',
        amount: '477.75元',
        dueDate: '2026-12-15',
        note: '可在安居小程序在线缴纳',
      },
      link: { page: 'bills', id: null },
    });
    const sent = (
      await host.runtime.db.collection(COLLECTIONS.sandboxOutbound).where({ channel: 'wechat' }).get()
    ).data as SandboxSentDoc[];
    expect(
      sent.map((s) => [s.accepted, (s.request as { touser: string; template_id: string }).template_id]),
    ).toEqual([[true, 'sandbox-tmpl-rent_due']]);
  });
});
