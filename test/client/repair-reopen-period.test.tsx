import { render, waitFor } from '@testing-library/react';
import type { RepairView } from '@shared/contracts';
import RepairDetail from '../../client/pages/repair/index';
import { me } from '../factories/account-page.factory';
import { repairView } from '../factories/repair-view.factory';
import { fakeBackend } from './fake-backend';
import { resetTaro, routerParams } from './mocks/taro';

/** 问题还在？ says the district's own reopen period and what sets it, as the repair view tells it. */
const tenantMe = me(['tenant'], '欧阳明');
const done = (reopen: RepairView['reopen']) =>
  repairView({ status: 'done', statusLabel: '待评价', workerName: '孙强', afterPhotos: 1, reopen });

beforeEach(() => {
  resetTaro();
  routerParams.id = 'r-1';
});
afterEach(() => void delete routerParams.id);

it.each([
  [15, '运营方设定（完工后可重新报修的期限，某区住房保障部门）'],
  [3, '某区办法 第二十条'],
])('a district with %i days: the hint says that figure and its basis (%s)', async (withinDays, basis) => {
  fakeBackend().on('repair', 'detail', done({ withinDays, basis })).on('account', 'me', tenantMe);
  const { container } = render(<RepairDetail />);
  await waitFor(() => expect(container.querySelector('#reopen-reason-hint')).not.toBeNull());
  expect(container.querySelector('#reopen-reason-hint')!.textContent).toBe(
    `完工后 ${withinDays} 天内如问题仍未解决，可重新报修（${basis}）。`,
  );
});
