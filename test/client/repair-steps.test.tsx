import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RepairView } from '@shared/contracts';
import RepairDetail from '../../client/pages/repair/index';
import { plainNote, repairStages } from '../../client/utils/repair-stages';
import { me } from '../factories/account-page.factory';
import { repairView } from '../factories/repair-view.factory';
import { fakeBackend } from './fake-backend';
import { resetTaro, routerParams } from './mocks/taro';

/** The tenant follows a repair as NutUI Steps (issue #19): 已报修 → 已派单 → 上门维修 → 已完成 / 待评价. */
const tenantMe = me(['tenant'], '欧阳明', { user: { id: 'u-t1' } });
const managerMe = me(['manager'], '王芳', { user: { id: 'u-m1', householdRelation: 'head' } });

const ev = (action: string, actorName: string, at: string, note = '') => ({ action, actorName, at, note });
const FILED = ev('已提交', '欧阳明', '2026-11-22T02:00:00.000Z'); // 2026年11月22日 10:00 in Beijing
const ASSIGNED = ev('已派单', '王芳', '2026-11-22T03:30:00.000Z', '派给 孙强，预计 2026-11-23 09:00 上门');
const STARTED = ev('维修中', '孙强', '2026-11-23T01:05:00.000Z');
const DONE = ev('已完成待确认', '孙强', '2026-11-23T02:00:00.000Z', '更换阀芯');

const BEFORE_THE_VISIT: RepairView['status'][] = ['submitted', 'accepted', 'rejected', 'reopened'];
const repair = (status: RepairView['status'], events: RepairView['events']) =>
  repairView({
    status,
    workerName: BEFORE_THE_VISIT.includes(status) ? null : '孙强',
    visitAt: BEFORE_THE_VISIT.includes(status) ? null : '2026-11-23T01:00:00.000Z',
    rating: status === 'confirmed' ? { good: false, reasons: ['slow'] } : null,
    createdAt: FILED.at,
    events,
  });

beforeEach(() => {
  resetTaro();
  routerParams.id = 'r-1';
});

describe('repairStages: the four stages a tenant understands', () => {
  it('just filed: 已报修 by 您 with its time, waiting for 派单, the rest not begun', () => {
    const { lines, current } = repairStages(repair('submitted', [FILED]), '欧阳明');
    expect(current).toBe(2);
    expect(lines.map((l) => [l.title, l.state])).toEqual([
      ['已报修', 'finish'],
      ['等待派单', 'process'],
      ['上门维修', 'wait'],
      ['已完成 / 待评价', 'wait'],
    ]);
    expect(lines[0]!.description).toBe('2026年11月22日 10:00，您提交');
  });

  it('assigned: 已派单 by the manager to the named worker, the visit time in the third stage', () => {
    const { lines, current } = repairStages(repair('assigned', [FILED, ASSIGNED]), '欧阳明');
    expect(current).toBe(3);
    expect(lines[1]).toMatchObject({ title: '已派单', state: 'finish', word: '已完成' });
    expect(lines[1]!.description).toBe('2026年11月22日 11:30，物业管家王芳派给维修师傅孙强');
    expect(lines[2]).toMatchObject({ title: '等待上门', state: 'process', word: '当前' });
    expect(lines[2]!.description).toBe('维修师傅孙强预计 2026年11月23日 09:00 上门');
  });

  it('done: 待评价 is current with what the worker did; confirmed: all four finished with the rating', () => {
    const done = repairStages(repair('done', [FILED, ASSIGNED, STARTED, DONE]), '欧阳明');
    expect(done.current).toBe(4);
    expect(done.lines[2]).toMatchObject({
      state: 'finish',
      description: '2026年11月23日 09:05，维修师傅孙强开始维修',
    });
    expect(done.lines[3]).toMatchObject({ title: '待评价', state: 'process' });
    expect(done.lines[3]!.description).toBe(
      '2026年11月23日 10:00，维修师傅孙强已修好（更换阀芯），请确认并评价',
    );
    const confirmed = repairStages(
      repair('confirmed', [
        FILED,
        ASSIGNED,
        STARTED,
        DONE,
        ev('已确认', '欧阳明', '2026-11-23T04:00:00.000Z'),
      ]),
      '欧阳明',
    );
    expect(confirmed.current).toBe(5);
    expect(confirmed.lines.map((l) => l.state)).toEqual(['finish', 'finish', 'finish', 'finish']);
    expect(confirmed.lines[3]).toMatchObject({ title: '已完成', word: '已评价' });
    expect(confirmed.lines[3]!.description).toContain('您确认完成，评价：不满意（太慢）');
  });

  it('rejected: the second stage says 已驳回 with the reason, nothing after it will happen', () => {
    const { lines, current } = repairStages(
      repair('rejected', [FILED, ev('已驳回', '王芳', '2026-11-22T05:00:00.000Z', '不属于维修范围')]),
      '欧阳明',
    );
    expect(current).toBe(2);
    expect(lines[1]).toMatchObject({ title: '已驳回', state: 'refused', word: '未通过' });
    expect(lines[1]!.description).toBe('2026年11月22日 13:00，物业管家王芳驳回，原因：不属于维修范围');
    expect(lines.slice(2).map((l) => l.state)).toEqual(['wait', 'wait']);
    expect(lines[2]!.description).toBe('报修已驳回，不再上门');
  });

  it('reopened: starts again at 重新报修 with the reason; the earlier 派单 no longer counts', () => {
    const { lines, current } = repairStages(
      repair('reopened', [
        FILED,
        ASSIGNED,
        DONE,
        ev('已重新打开', '欧阳明', '2026-11-24T01:00:00.000Z', '还在漏水'),
      ]),
      '欧阳明',
    );
    expect(current).toBe(2);
    expect(lines[0]).toMatchObject({ title: '重新报修', state: 'finish' });
    expect(lines[0]!.description).toBe('2026年11月24日 09:00，您重新报修：还在漏水');
    expect(lines[1]).toMatchObject({ title: '等待派单', state: 'process' });
    expect(lines[2]!.state).toBe('wait');
  });
});

describe('处理记录 notes in plain words', () => {
  it('days written 2026-11-23 by the server read 2026年11月23日; other text is left alone', () => {
    expect(plainNote('派给 孙强，预计 2026-11-23 09:00 上门')).toBe(
      '派给 孙强，预计 2026年11月23日 09:00 上门',
    );
    expect(plainNote('延至 2026-11-25：等配件')).toBe('延至 2026年11月25日：等配件');
    expect(plainNote('房号 12-03-01 漏水')).toBe('房号 12-03-01 漏水');
  });
});

describe('repair page: the tenant sees the stages as Steps, the current one said in words', () => {
  const stage = (c: HTMLElement, n: number) => c.querySelector(`#repair-stage-${n}`)?.textContent;

  it('assigned: 已报修 and 已派单 done, 等待上门 is current, 已完成 / 待评价 not begun', async () => {
    fakeBackend()
      .on('repair', 'detail', repair('assigned', [FILED, ASSIGNED]))
      .on('account', 'me', tenantMe);
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(container.querySelector('#repair-steps')).not.toBeNull());
    expect(stage(container, 1)).toBe('已报修（✓ 已完成）');
    expect(stage(container, 2)).toBe('已派单（✓ 已完成）');
    expect(stage(container, 3)).toBe('等待上门（… 当前）');
    expect(stage(container, 4)).toBe('已完成 / 待评价（○ 未开始）');
    expect(container.querySelector('#repair-stage-3')!.getAttribute('aria-current')).toBe('step');
    expect(container.querySelector('#repair-steps')!.textContent).toContain('物业管家王芳派给维修师傅孙强');
    expect(container.querySelector('#timeline')!.textContent).toContain('预计 2026年11月23日 09:00 上门');
    // No ids or English words on the tenant's page.
    expect(container.textContent).not.toMatch(/r-1|u-t1|[A-Za-z]/);
  });

  it('done: 待评价 is current, and 确认完成 without a choice says so under the choice and sends nothing', async () => {
    const backend = fakeBackend()
      .on('repair', 'detail', repair('done', [FILED, ASSIGNED, STARTED, DONE]))
      .on('account', 'me', tenantMe);
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(stage(container, 4)).toBe('待评价（… 当前）'));
    expect(stage(container, 3)).toBe('上门维修（✓ 已完成）');
    expect(container.querySelector('#repair-stage-3')!.getAttribute('aria-current')).toBeNull();
    fireEvent.click(container.querySelector('#confirm-repair')!);
    await waitFor(() =>
      expect(container.querySelector('#rating-error')?.textContent).toBe('请选择满意或不满意。'),
    );
    expect(backend.inputsOf('repair', 'confirm')).toEqual([]);
    fireEvent.click(screen.getByText('不满意'));
    expect(container.querySelector('#rating-error')).toBeNull();
    fireEvent.click(container.querySelector('#reason-slow')!);
    expect(container.querySelector('#reason-slow')!.getAttribute('aria-checked')).toBe('true');
  });

  it('rejected: the second stage reads 已驳回 (! 未通过) with the reason', async () => {
    fakeBackend()
      .on(
        'repair',
        'detail',
        repair('rejected', [FILED, ev('已驳回', '王芳', '2026-11-22T05:00:00.000Z', '不属于维修范围')]),
      )
      .on('account', 'me', tenantMe);
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(stage(container, 2)).toBe('已驳回（! 未通过）'));
    expect(container.querySelector('#repair-steps')!.textContent).toContain('原因：不属于维修范围');
  });

  it('staff see the 处理记录 but not the tenant stages', async () => {
    fakeBackend()
      .on('repair', 'detail', repair('assigned', [FILED, ASSIGNED]))
      .on('account', 'me', managerMe)
      .on('repair', 'workers', [{ userId: 'u-w1', name: '孙强', openTasks: 2 }]);
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(container.querySelector('#manager-actions')).not.toBeNull());
    expect(container.querySelector('#repair-steps')).toBeNull();
    expect(container.querySelector('#event-1')?.textContent).toBe('已提交 · 欧阳明');
    expect(container.querySelector('#event-2')?.textContent).toBe('已派单 · 王芳（最新）');
  });
});
