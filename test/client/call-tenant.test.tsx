import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import ArrearsPage from '../../client/pages/arrears/index';
import { fakeBackend, Refusal } from './fake-backend';
import { calls, resetTaro, storage, toasts } from './mocks/taro';

const PHONE = '13800001111';
const arrears: ActionOutput<'billing', 'arrears'> = {
  rows: [
    {
      leaseId: 'p-test-l1',
      householdName: '刘洋',
      phone: '138****1111',
      projectName: '测试家园',
      buildingId: 'p-test-b1',
      buildingName: '1栋',
      unitLabel: '1栋-101',
      monthsOverdue: 2,
      amountFen: 100_000,
      exitFlag: false,
    },
  ],
  totalFen: 100_000,
  exitRule: '',
  buildings: [],
};

const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

/**
 * 联系租户 on 欠租管理 (issue #19): the project's manager taps it on a household's row; the number is asked
 * for on the tap (account.caseContact with the lease) and dialled, never printed; a refusal is the
 * function's Chinese message and dials nothing. The office, who oversees but does not call, has no button.
 */
describe('call the tenant from the arrears list', () => {
  beforeEach(() => resetTaro());

  it('the manager’s tap asks for the lease’s contact and dials it without printing it', async () => {
    storage.set('anju.tabRole', 'manager');
    const backend = fakeBackend()
      .on('billing', 'arrears', arrears)
      .on('account', 'caseContact', () => ({ name: '刘洋', phone: PHONE }));
    const { container } = render(<ArrearsPage />);
    expect(await screen.findByText('欠租 2 个月')).toBeTruthy();
    expect(backend.inputsOf('account', 'caseContact')).toEqual([]); // nothing asked before the tap
    await click('call-tenant-p-test-l1');
    await waitFor(() => expect(calls).toEqual([PHONE]));
    expect(backend.inputsOf('account', 'caseContact')).toEqual([{ leaseId: 'p-test-l1' }]);
    expect(container.textContent).not.toContain(PHONE);
    expect(container.textContent).not.toContain('138****1111');
    expect(backend.unexpected).toEqual([]);
  });

  it('a refusal shows the function’s message and dials nothing', async () => {
    storage.set('anju.tabRole', 'manager');
    fakeBackend()
      .on('billing', 'arrears', arrears)
      .on('account', 'caseContact', new Refusal('NOT_FOUND', '记录不存在或无权查看。'));
    render(<ArrearsPage />);
    expect(await screen.findByText('欠租 2 个月')).toBeTruthy();
    await click('call-tenant-p-test-l1');
    await waitFor(() => expect(toasts).toEqual(['记录不存在或无权查看。']));
    expect(calls).toEqual([]);
  });

  it('the housing office sees the list without the button', async () => {
    storage.set('anju.tabRole', 'admin');
    fakeBackend().on('billing', 'arrears', arrears);
    const { container } = render(<ArrearsPage />);
    expect(await screen.findByText('欠租 2 个月')).toBeTruthy();
    expect(container.querySelector('#call-tenant-p-test-l1')).toBeNull();
  });
});
