import { render, waitFor } from '@testing-library/react';
import type { MeResult, RepairView } from '@shared/contracts';
import RepairDetail from '../../client/pages/repair/index';
import { fakeBackend } from './fake-backend';
import { resetTaro, routerParams } from './mocks/taro';

/** 问题还在？ says the district's own reopen period and what sets it, as the repair view tells it. */
const me: MeResult = {
  user: { id: 'u-1', name: '欧阳明', roles: ['tenant'], householdRelation: 'head' },
  tenant: null,
  projects: [],
  volunteer: null,
  admin: null,
};
const done = (reopen: RepairView['reopen']): RepairView => ({
  id: 'r-1',
  kind: 'repair',
  category: 'water',
  categoryLabel: '水电',
  description: '卫生间漏水',
  emergency: false,
  status: 'done',
  statusLabel: '待评价',
  unitLabel: '1栋101',
  projectName: '惠民家园',
  preferredTimes: '',
  deadline: '2026-11-25T10:00:00.000Z',
  overdue: false,
  workerName: '孙强',
  visitAt: null,
  photos: 0,
  afterPhotos: 1,
  rating: null,
  createdAt: '2026-11-22T02:00:00.000Z',
  events: [{ at: '2026-11-22T02:00:00.000Z', actorName: '欧阳明', action: '已提交', note: '' }],
  reopen,
});

beforeEach(() => {
  resetTaro();
  routerParams.id = 'r-1';
});
afterEach(() => void delete routerParams.id);

it.each([
  [15, '运营方设定（完工后可重新报修的期限，某区住房保障部门）'],
  [3, '某区办法 第二十条'],
])('a district with %i days: the hint says that figure and its basis (%s)', async (withinDays, basis) => {
  fakeBackend().on('repair', 'detail', done({ withinDays, basis })).on('account', 'me', me);
  const { container } = render(<RepairDetail />);
  await waitFor(() => expect(container.querySelector('#reopen-reason-hint')).not.toBeNull());
  expect(container.querySelector('#reopen-reason-hint')!.textContent).toBe(
    `完工后 ${withinDays} 天内如问题仍未解决，可重新报修（${basis}）。`,
  );
});
