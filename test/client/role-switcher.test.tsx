import { fireEvent, render, screen } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import Index from '../../client/pages/index/index';
import { setTransport } from '../../client/services/call';
import { homeForRole, storeRole } from '../../client/utils/role-view';

/** A tenant who is also a volunteer (高敏 in the demo): one home per role, switched on the home page. */
const both: MeResult = {
  user: { id: 'u', name: '高敏', roles: ['tenant', 'volunteer'], householdRelation: 'head' },
  tenant: {
    household: {
      id: 'h1',
      headName: '高敏',
      size: 2,
      category: 'low_income',
      categoryLabel: '低收入',
      status: 'tenant',
      statusLabel: '在租',
    },
    lease: null,
    balanceDueFen: 0,
    unpaidBills: 0,
  },
  projects: [],
  volunteer: { unitsToVisit: 7, specialCareDue: 1 },
  admin: null,
};

afterEach(() => storeRole(null));

describe('role switcher', () => {
  it.each([
    ['tenant', true, false],
    ['volunteer', false, true],
  ] as const)('the %s home shows only that role’s cards', (role, tenantCard, volunteerCard) => {
    const view = homeForRole(both, role);
    expect(view.user.roles).toEqual([role]);
    expect(view.tenant !== null).toBe(tenantCard);
    expect(view.volunteer !== null).toBe(volunteerCard);
  });

  it('shows everything without a choice, and ignores a stored role no longer held (revoked)', () => {
    expect(homeForRole(both, null)).toBe(both);
    expect(homeForRole(both, 'manager')).toBe(both);
    const single = { ...both, user: { ...both.user, roles: ['tenant' as const] } };
    expect(homeForRole(single, 'tenant')).toBe(single);
  });

  it('on the home page, tapping a role narrows the page to it and tapping again shows all', async () => {
    setTransport(async (_fn, event) =>
      event.action === 'myApplication' ? { ok: true, data: null } : { ok: true, data: both },
    );
    const { container } = render(<Index />);
    expect(await screen.findByText('开始巡查')).toBeTruthy();
    expect(container.querySelector('#tenant-household')).not.toBeNull();
    fireEvent.click(container.querySelector('#role-volunteer')!);
    expect(container.querySelector('#tenant-household')).toBeNull();
    expect(container.querySelector('#volunteer-card')).not.toBeNull();
    fireEvent.click(container.querySelector('#role-tenant')!);
    expect(container.querySelector('#volunteer-card')).toBeNull();
    expect(container.querySelector('#tenant-household')).not.toBeNull();
    fireEvent.click(container.querySelector('#role-tenant')!);
    expect(container.querySelector('#volunteer-card')).not.toBeNull();
  });
});
