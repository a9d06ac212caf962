import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { InboxItem } from '@shared/contracts';
import Inbox from '../../client/pages/inbox/index';
import { fakeBackend } from './fake-backend';
import { navigations, resetTaro } from './mocks/taro';

const item = (over: Partial<InboxItem>): InboxItem => ({
  id: 'msg-1',
  kind: 'rent_due',
  kindLabel: '租金到期提醒',
  title: '租金即将到期',
  body: '2026-12 月租金 600.00 元，请于 2026-12-15 前缴纳。',
  createdAt: '2026-12-12T01:00:00.000Z',
  read: false,
  urgent: false,
  link: { page: 'bill', id: 'bill-l-1-2026-12' },
  deliveryLabel: '已通过微信通知',
  alertId: null,
  alertOpen: false,
  ...over,
});

const click = (selector: string) => act(async () => void fireEvent.click(document.querySelector(selector)!));

/** 消息 (issue #18): opening a message marks it read and goes to the record; urgent alerts are acknowledged. */
describe('inbox page (消息)', () => {
  beforeEach(() => resetTaro());

  it('opening an unread message marks it read, then opens the bill it is about', async () => {
    const backend = fakeBackend()
      .on('message', 'inbox', { items: [item({})], unread: 1, more: false, next: null })
      .on('message', 'markRead', item({ read: true }));
    render(<Inbox />);
    await waitFor(() => expect(screen.getByText('租金即将到期')).toBeTruthy());
    expect(screen.getByText('1 条未读')).toBeTruthy();
    await click('#open-msg-1');
    expect(backend.inputsOf('message', 'markRead')).toEqual([{ messageId: 'msg-1' }]);
    expect(navigations).toContain('/pages/bill/index?id=bill-l-1-2026-12');
    expect(backend.unexpected).toEqual([]);
  });

  it('an open urgent alert is acknowledged from the page (确认收到) and marked read', async () => {
    const urgent = item({
      id: 'msg-9',
      kind: 'hazard_urgent',
      kindLabel: '紧急隐患',
      title: '立即危险：请马上处置',
      urgent: true,
      alertId: 'alert-1',
      alertOpen: true,
      link: { page: 'hazards', id: 'hz-1' },
      deliveryLabel: '已发送短信',
    });
    let acknowledged = false;
    const backend = fakeBackend()
      .on('message', 'inbox', () => ({
        items: [{ ...urgent, alertOpen: !acknowledged, read: acknowledged }],
        unread: acknowledged ? 0 : 1,
        more: false,
        next: null,
      }))
      .on('message', 'acknowledgeAlert', () => {
        acknowledged = true;
        return {
          id: 'alert-1',
          kind: 'hazard_urgent' as const,
          title: urgent.title,
          body: urgent.body,
          projectId: 'p-test',
          createdAt: urgent.createdAt,
          notified: ['张敏'],
          acknowledgedAt: '2026-12-12T01:05:00.000Z',
          acknowledgedByName: '张敏',
          escalatesAt: null,
          link: urgent.link,
        };
      })
      .on('message', 'markRead', { ...urgent, read: true });
    render(<Inbox />);
    await waitFor(() => expect(document.querySelector('#ack-msg-9')).toBeTruthy());
    await click('#ack-msg-9');
    expect(backend.inputsOf('message', 'acknowledgeAlert')).toEqual([{ alertId: 'alert-1' }]);
    await waitFor(() => expect(document.querySelector('#ack-msg-9')).toBeNull());
    expect(screen.getByText('没有未读消息')).toBeTruthy();
    expect(backend.unexpected).toEqual([]);
  });

  it('says so when there are no messages yet', async () => {
    fakeBackend().on('message', 'inbox', { items: [], unread: 0, more: false, next: null });
    render(<Inbox />);
    await waitFor(() =>
      expect(screen.getByText('还没有消息。租金提醒、报修进度、配租通知等都会显示在这里。')).toBeTruthy(),
    );
  });
});
