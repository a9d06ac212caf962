import { render, screen, waitFor } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import Index from '../../client/pages/index/index';
import { fakeBackend } from './fake-backend';
import { resetTaro } from './mocks/taro';

const managerMe: MeResult = {
  user: { id: 'u-manager', name: '张敏', roles: ['manager'] },
  tenant: null,
  projects: [],
  volunteer: null,
  admin: null,
};

/** The home page shows how many messages are unread, and how many of them are urgent (issue #18). */
describe('home page: unread messages', () => {
  beforeEach(() => resetTaro());

  it('shows the unread and urgent counts on the 消息 button', async () => {
    fakeBackend()
      .on('account', 'me', managerMe)
      .on('account', 'myApplication', null)
      .on('message', 'unreadCount', { unread: 3, urgentUnread: 1 });
    render(<Index />);
    await waitFor(() => expect(screen.getByText('（3 条未读，其中 1 条紧急）')).toBeTruthy());
    expect(document.querySelector('#go-message-admin')?.textContent).toBe('紧急告警');
  });

  it('shows no count when everything is read, and the page works when the count fails', async () => {
    fakeBackend()
      .on('account', 'me', managerMe)
      .on('account', 'myApplication', null)
      .on('message', 'unreadCount', () => {
        throw new Error('network');
      });
    render(<Index />);
    await waitFor(() => expect(document.querySelector('#go-inbox')).toBeTruthy());
    expect(document.querySelector('#unread-count')).toBeNull();
    expect(screen.getByText('张敏，您好')).toBeTruthy();
  });
});
