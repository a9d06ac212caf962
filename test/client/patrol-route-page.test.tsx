import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput, RouteView, VisitView } from '@shared/contracts';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import PatrolRoute from '../../client/pages/patrol-route/index';
import { rememberedVisit } from '../../client/services/patrol-cache';
import { fakeBackend, Refusal } from './fake-backend';
import { navigations, resetTaro, routerParams } from './mocks/taro';

const route: RouteView = {
  id: 'q-2026-Q4-p-test-b1-r01',
  runId: 'q-2026-Q4',
  runLabel: '2026年第四季度入户安全巡查',
  quarter: '2026-Q4',
  projectId: 'p-test',
  projectName: '测试家园',
  buildingId: 'p-test-b1',
  buildingName: '1栋',
  title: '1栋 1–3层',
  floorFrom: 1,
  floorTo: 3,
  includesPublicArea: true,
  volunteerUserId: 'u-volunteer',
  volunteerName: '李志愿',
  plannedOn: '2026-11-22',
  total: 3,
  toVisit: 1,
  visited: 1,
  nobodyHome: 1,
  refused: 0,
};

const visit = (id: string, label: string, over: Partial<VisitView> = {}): VisitView => ({
  id,
  runId: 'q-2026-Q4',
  routeId: route.id,
  target: 'unit',
  label,
  buildingName: '1栋',
  floor: Number(label.slice(3, 4)),
  status: 'to_visit',
  statusLabel: '待走访',
  specialCare: false,
  attempts: 0,
  retryOn: null,
  plannedOn: '2026-11-22',
  lastVisitedAt: null,
  checklist: HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, label: c.label })),
  ...over,
});

/** As the function sorts them: special care first, then by floor. */
const visits: VisitView[] = [
  visit('pv-q-2026-Q4-p-test-b1-301', '1栋-301', { specialCare: true }),
  visit('pv-q-2026-Q4-p-test-b1-101', '1栋-101', {
    status: 'visited',
    statusLabel: '已走访',
    attempts: 1,
    lastVisitedAt: '2026-11-22T03:15:00.000Z',
  }),
  visit('pv-q-2026-Q4-p-test-b1-102', '1栋-102', {
    status: 'nobody_home',
    statusLabel: '无人在家',
    attempts: 1,
    retryOn: '2026-11-24',
    lastVisitedAt: '2026-11-22T03:40:00.000Z',
  }),
];

const answer: ActionOutput<'patrol', 'routeVisits'> = { route, visits };

describe('patrol route page (巡查路线)', () => {
  beforeEach(() => {
    resetTaro();
    routerParams.id = route.id;
  });

  it('shows the route with its progress and each stop with its status, special care first', async () => {
    const backend = fakeBackend().on('patrol', 'routeVisits', answer);
    const { container } = render(<PatrolRoute />);
    expect(await screen.findByText('测试家园 1栋 1–3层')).toBeTruthy();
    expect(backend.inputsOf('patrol', 'routeVisits')).toEqual([{ routeId: route.id }]);
    // Label–value rows (NutUI Cells, issue #19), the date in words.
    expect(screen.getByText('2026年第四季度入户安全巡查')).toBeTruthy();
    expect(screen.getByText('李志愿')).toBeTruthy();
    expect(screen.getByText('2026年11月22日')).toBeTruthy();
    expect(screen.getByText('共 3 处')).toBeTruthy();
    expect(screen.getByText('已走访 1，无人在家 1，拒绝 0，待走访 1')).toBeTruthy();
    const cards = Array.from(container.querySelectorAll('.visit-card')).map((c) => c.textContent);
    expect(cards).toEqual([
      '… 关爱1栋-301· 待走访尚未走访',
      '1栋-101✓ 已走访最近走访 2026年11月22日 11:15',
      '1栋-102… 无人在家最近走访 2026年11月22日 11:40 · 再次走访 2026年11月24日',
    ]);
    // The status in words and a mark, not colour alone.
    expect(container.querySelector('#visit-pv-q-2026-Q4-p-test-b1-102 .status-tag-holder')!.textContent).toBe(
      '… 无人在家',
    );
    expect(backend.unexpected).toEqual([]);
  });

  it('keeps the stops on the phone so that the visit page opens offline, and a tap opens it', async () => {
    fakeBackend().on('patrol', 'routeVisits', answer);
    const { container } = render(<PatrolRoute />);
    await screen.findByText('测试家园 1栋 1–3层');
    expect(rememberedVisit('pv-q-2026-Q4-p-test-b1-301')).toEqual(visits[0]);
    fireEvent.click(container.querySelector('#visit-pv-q-2026-Q4-p-test-b1-301')!);
    expect(navigations).toEqual(['/pages/patrol-visit/index?id=pv-q-2026-Q4-p-test-b1-301']);
  });

  it('an unassigned route with nothing to visit says so', async () => {
    fakeBackend().on('patrol', 'routeVisits', {
      route: {
        ...route,
        volunteerUserId: null,
        volunteerName: null,
        total: 0,
        toVisit: 0,
        visited: 0,
        nobodyHome: 0,
      },
      visits: [],
    });
    render(<PatrolRoute />);
    expect(await screen.findByText('这条路线没有需要走访的房屋。')).toBeTruthy();
    expect(screen.getByText('未分配')).toBeTruthy();
  });

  it('another volunteer’s route: the server’s message, and a retry that asks again', async () => {
    let asked = 0;
    const backend = fakeBackend().on('patrol', 'routeVisits', () =>
      ++asked === 1 ? new Refusal('NOT_FOUND', '未找到相关记录。') : answer,
    );
    render(<PatrolRoute />);
    expect(await screen.findByText('未找到相关记录。')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('测试家园 1栋 1–3层')).toBeTruthy());
    expect(backend.inputsOf('patrol', 'routeVisits')).toHaveLength(2);
  });
});
