import { fireEvent, render, screen } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import WaitlistPage from '../../client/pages/waitlist/index';
import LedgerPage from '../../client/pages/ledger/index';
import { fakeBackend } from './fake-backend';
import { navigations, resetTaro, routerParams, storage } from './mocks/taro';

type Waitlist = ActionOutput<'allocation', 'waitlist'>;
type Ledger = ActionOutput<'billing', 'ledger'>;

/** Two approved households; the second came in before applications were kept online (no application). */
const waitlist: Waitlist = [
  {
    position: 1,
    householdId: 'hh-a',
    applicationId: 'app-a',
    headNameMasked: '王*',
    categoryLabel: '城镇中等偏下收入住房困难家庭',
    tier: 1,
    tierLabel: '第一层级',
    certificateDate: '2026-03-01',
  },
  {
    position: 2,
    householdId: 'hh-b',
    applicationId: null,
    headNameMasked: '李*',
    categoryLabel: '新就业无房职工',
    tier: 2,
    tierLabel: '第二层级',
    certificateDate: '2026-04-01',
  },
];

const ledger: Ledger = {
  householdName: '刘洋',
  unitLabel: '1栋-101',
  projectName: '测试家园',
  balanceFen: 0,
  refundDueFen: 0,
  monthsOverdue: 0,
  bills: [],
  entries: [],
};

describe('发现虚假材料: where the office opens a false-material exit case', () => {
  beforeEach(() => resetTaro());

  it('the waitlist: the office gets it on each approved household, opening the form on its application', async () => {
    storage.set('anju.tabRole', 'admin');
    const backend = fakeBackend().on('allocation', 'waitlist', waitlist);
    const { container } = render(<WaitlistPage />);
    await screen.findByText('第 1 位 王*');
    const link = container.querySelector('#false-material-hh-a')!;
    expect(link.textContent).toBe('发现虚假材料');
    // Without an application there is nothing to open the case on: no link.
    expect(container.querySelector('#false-material-hh-b')).toBeNull();
    fireEvent.click(link);
    expect(navigations).toEqual(['/pages/exit-cases/index?applicationId=app-a']);
    expect(backend.unexpected).toEqual([]);
  });

  it('the waitlist: a reviewer who sees the list does not get it', async () => {
    storage.set('anju.tabRole', 'housing_reviewer');
    fakeBackend().on('allocation', 'waitlist', waitlist);
    const { container } = render(<WaitlistPage />);
    await screen.findByText('第 1 位 王*');
    expect(container.querySelector('[id^="false-material-"]')).toBeNull();
    expect(screen.queryByText('发现虚假材料')).toBeNull();
  });

  it('a tenancy’s ledger: the office opens the form on the lease with the false-material trigger', async () => {
    storage.set('anju.tabRole', 'admin');
    routerParams.leaseId = 'p-test-l1';
    const backend = fakeBackend().on('billing', 'ledger', ledger);
    const { container } = render(<LedgerPage />);
    await screen.findByText('刘洋 · 测试家园 1栋-101');
    const link = container.querySelector('#ledger-false-material')!;
    expect(link.textContent).toBe('发现虚假材料');
    fireEvent.click(link);
    expect(navigations).toEqual(['/pages/exit-cases/index?leaseId=p-test-l1&trigger=false_information']);
    expect(backend.unexpected).toEqual([]);
  });

  it('a tenancy’s ledger: a project manager does not get it', async () => {
    storage.set('anju.tabRole', 'manager');
    routerParams.leaseId = 'p-test-l1';
    fakeBackend().on('billing', 'ledger', ledger);
    const { container } = render(<LedgerPage />);
    await screen.findByText('刘洋 · 测试家园 1栋-101');
    expect(container.querySelector('#ledger-false-material')).toBeNull();
  });
});
