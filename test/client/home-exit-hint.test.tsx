import { render, screen, waitFor } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import Index from '../../client/pages/index/index';
import { setTransport } from '../../client/services/call';

const me: MeResult = {
  user: { id: 'u1', name: '王秀英', roles: ['tenant'] },
  tenant: {
    household: {
      id: 'h1',
      headName: '王秀英',
      size: 3,
      category: 'dibao',
      categoryLabel: '城镇最低生活保障家庭（低保）',
      status: 'tenant',
      statusLabel: '在租',
    },
    lease: null,
    balanceDueFen: 0,
    unpaidBills: 0,
  },
  projects: [],
  volunteer: null,
  admin: null,
};

/** The tenant's home shows the exit notice and the contracts to sign only when there are some. */
describe('home page: exit notice and lease contracts', () => {
  const withLists = (exitCases: number, contracts: number) =>
    setTransport(async (_fn, event) => {
      if (event.action === 'myExitCases') return { ok: true, data: Array(exitCases).fill({}) };
      if (event.action === 'myLeaseContracts') return { ok: true, data: Array(contracts).fill({}) };
      if (event.action === 'unreadCount') return { ok: true, data: { unread: 0, urgentUnread: 0 } };
      return { ok: true, data: me };
    });

  it('shows both buttons when the household has a case and a contract', async () => {
    withLists(1, 1);
    render(<Index />);
    await waitFor(() => expect(screen.getByText('退出程序通知')).toBeTruthy());
    expect(screen.getByText('续租与配租合同')).toBeTruthy();
  });

  it('shows neither when there are none', async () => {
    withLists(0, 0);
    render(<Index />);
    expect(await screen.findByText('没有未缴账单')).toBeTruthy();
    expect(screen.queryByText('退出程序通知')).toBeNull();
    expect(screen.queryByText('续租与配租合同')).toBeNull();
  });
});
