import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import Index from '../../client/pages/index/index';
import { setTransport } from '../../client/services/call';

const tenantMe: MeResult = {
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
    lease: {
      id: 'l1',
      projectName: '惠民家园',
      unitLabel: '2栋-0503',
      areaM2: 45.5,
      monthlyRentFen: 47775,
      startDate: '2024-03-01',
      endDate: '2027-03-01',
    },
    balanceDueFen: 95550,
    unpaidBills: 2,
  },
  projects: [],
  volunteer: null,
  admin: null,
};

describe('home page', () => {
  it('shows the tenant’s unit, rent and balance from account.me', async () => {
    setTransport(async () => ({ ok: true, data: tenantMe }));
    render(<Index />);
    expect(await screen.findByText('惠民家园 2栋-0503')).toBeTruthy();
    expect(screen.getByText('¥477.75')).toBeTruthy();
    expect(screen.getByText('¥955.50')).toBeTruthy();
    expect(screen.getByText('共 2 笔未缴账单')).toBeTruthy();
    expect(screen.getByText('2024年3月1日 至 2027年3月1日')).toBeTruthy();
  });

  it('shows an empty state when the tenant has no lease', async () => {
    setTransport(async () => ({
      ok: true,
      data: { ...tenantMe, tenant: { ...tenantMe.tenant!, lease: null, balanceDueFen: 0, unpaidBills: 0 } },
    }));
    render(<Index />);
    expect(await screen.findByText(/暂无在租房源/)).toBeTruthy();
    expect(screen.getByText('没有未缴账单')).toBeTruthy();
  });

  it('shows the error message and retries', async () => {
    let calls = 0;
    setTransport(async (_fn, event) => {
      // The unread count (a hint beside the page) is not what this test counts.
      if (event.action === 'unreadCount') return { ok: true, data: { unread: 0, urgentUnread: 0 } };
      // Nor are the hints for an exit notice and contracts to sign.
      if (event.action === 'myExitCases' || event.action === 'myLeaseContracts')
        return { ok: true, data: [] };
      calls++;
      return calls === 1
        ? { ok: false, error: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试。' } }
        : { ok: true, data: tenantMe };
    });
    render(<Index />);
    expect(await screen.findByText('服务暂时不可用，请稍后重试。')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('惠民家园 2栋-0503')).toBeTruthy());
    expect(calls).toBe(2);
  });
});
