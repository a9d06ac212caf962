import { act, fireEvent, render, waitFor } from '@testing-library/react';
import type { RepairView } from '@shared/contracts';
import RepairDetail from '../../client/pages/repair/index';
import RepairNew from '../../client/pages/repair-new/index';
import { me } from '../factories/account-page.factory';
import { repairView } from '../factories/repair-view.factory';
import { fakeBackend } from './fake-backend';
import { modals, navigations, resetTaro, routerParams } from './mocks/taro';

/**
 * 提交报修 and 报修详情 (issue #19): every typed field is a TextField, and each problem is said in Chinese
 * under the field it is about (not a toast, not a greyed button); bad input calls nothing.
 */
const repair = (status: RepairView['status']) =>
  repairView({ status, workerName: status === 'submitted' ? null : '孙强' });
const type = (c: HTMLElement, selector: string, value: string) =>
  fireEvent.change(c.querySelector(selector)!, { target: { value } });
const errorOf = (c: HTMLElement, id: string) => c.querySelector(`#${id}-error`)?.textContent ?? null;

beforeEach(() => {
  resetTaro();
  routerParams.id = 'r-1';
});

describe('提交报修: the category and the description each say what is missing under themselves', () => {
  it('an empty form files nothing; filled in, it files what was typed', async () => {
    const backend = fakeBackend().on('repair', 'file', (input) => ({
      ...repair('submitted'),
      id: 'rep-1',
      description: input.description,
    }));
    const { container } = render(<RepairNew />);
    fireEvent.click(container.querySelector('#submit-repair')!);
    await waitFor(() => expect(errorOf(container, 'category')).toBe('请选择报修类别。'));
    expect(errorOf(container, 'description')).toBe('请描述问题。');
    const description = container.querySelector('#description')!;
    expect(description.tagName).toBe('TEXTAREA');
    expect(description.getAttribute('aria-invalid')).toBe('true');
    expect(description.getAttribute('aria-describedby')).toBe('description-error');
    expect(backend.inputsOf('repair', 'file')).toEqual([]);
    expect(modals).toEqual([]);

    fireEvent.click(container.querySelector('#category-doors_windows')!);
    expect(errorOf(container, 'category')).toBeNull();
    expect(container.querySelector('#category-doors_windows')!.getAttribute('aria-pressed')).toBe('true');
    type(container, '#description', '  阳台推拉门关不上 ');
    expect(errorOf(container, 'description')).toBeNull();
    type(container, '#preferred-times', '周末上午');
    await act(async () => {
      fireEvent.click(container.querySelector('#submit-repair')!);
    });
    await waitFor(() => expect(backend.inputsOf('repair', 'file')).toHaveLength(1));
    expect(backend.inputsOf('repair', 'file')[0]).toMatchObject({
      kind: 'repair',
      category: 'doors_windows',
      description: '阳台推拉门关不上',
      preferredTimes: '周末上午',
      emergency: false,
      photos: [],
    });
    await waitFor(() => expect(navigations).toEqual(['/pages/repair/index?id=rep-1']));
    expect(backend.unexpected).toEqual([]);
  });

  it('紧急 is a chip that says it is chosen, with the warning under it', async () => {
    fakeBackend();
    const { container } = render(<RepairNew />);
    fireEvent.click(container.querySelector('#emergency-on')!);
    await waitFor(() => expect(container.querySelector('#emergency-warning')).not.toBeNull());
    expect(container.querySelector('#emergency-on')!.textContent).toBe('✓ 紧急（24 小时内处理）');
    expect(container.querySelector('#emergency-off')!.getAttribute('aria-pressed')).toBe('false');
  });
});

describe('报修详情: staff and tenant fields say their problem under themselves and send nothing', () => {
  it('the manager: 驳回 without a reason, 派单 without a worker', async () => {
    const backend = fakeBackend()
      .on('repair', 'detail', repair('submitted'))
      .on('account', 'me', me(['manager'], '王芳'))
      .on('repair', 'workers', [{ userId: 'u-w1', name: '孙强', openTasks: 1 }]);
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(container.querySelector('#reject')).not.toBeNull());
    fireEvent.click(container.querySelector('#reject')!);
    await waitFor(() => expect(errorOf(container, 'manager-reason')).toBe('请填写驳回原因。'));
    expect(container.querySelector('#manager-reason')!.getAttribute('aria-invalid')).toBe('true');
    type(container, '#manager-reason', '不属于');
    expect(errorOf(container, 'manager-reason')).toBeNull();
    fireEvent.click(container.querySelector('#assign')!);
    await waitFor(() => expect(errorOf(container, 'worker')).toBe('请选择维修人员。'));
    expect(backend.inputsOf('repair', 'reject')).toEqual([]);
    expect(backend.inputsOf('repair', 'assign')).toEqual([]);
  });

  it('the worker: 提交完工 without a note or an after-photo', async () => {
    const backend = fakeBackend()
      .on('repair', 'detail', repair('in_progress'))
      .on('account', 'me', me(['worker'], '孙强'));
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(container.querySelector('#complete')).not.toBeNull());
    fireEvent.click(container.querySelector('#complete')!);
    await waitFor(() => expect(errorOf(container, 'complete-note')).toBe('请填写维修说明。'));
    expect(errorOf(container, 'photos')).toBe('请上传至少一张完工照片。');
    expect(container.querySelector('#complete-note')!.tagName).toBe('TEXTAREA');
    expect(backend.inputsOf('repair', 'complete')).toEqual([]);
  });

  it('the tenant: 重新报修 and 发送留言 with nothing written; a written message is sent', async () => {
    const backend = fakeBackend()
      .on('repair', 'detail', repair('done'))
      .on('account', 'me', me(['tenant'], '欧阳明'))
      .on('repair', 'message', (input) => ({
        ...repair('done'),
        events: [
          ...repair('done').events,
          { at: '2026-11-23T02:00:00.000Z', actorName: '欧阳明', action: '留言', note: input.text },
        ],
      }));
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(container.querySelector('#reopen')).not.toBeNull());
    fireEvent.click(container.querySelector('#reopen')!);
    await waitFor(() => expect(errorOf(container, 'reopen-reason')).toBe('请说明问题仍存在的情况。'));
    fireEvent.click(container.querySelector('#send-message')!);
    await waitFor(() => expect(errorOf(container, 'message')).toBe('请先写下留言内容。'));
    expect(container.querySelector('#send-message')!.hasAttribute('disabled')).toBe(false);
    expect(backend.inputsOf('repair', 'reopen')).toEqual([]);
    expect(backend.inputsOf('repair', 'message')).toEqual([]);
    type(container, '#message', ' 周六上午家里有人 ');
    expect(errorOf(container, 'message')).toBeNull();
    await act(async () => {
      fireEvent.click(container.querySelector('#send-message')!);
    });
    await waitFor(() =>
      expect(backend.inputsOf('repair', 'message')).toEqual([{ repairId: 'r-1', text: '周六上午家里有人' }]),
    );
    await waitFor(() =>
      expect(container.querySelector('#event-2')?.textContent).toBe('留言 · 欧阳明（最新）'),
    );
    expect((container.querySelector('#message') as HTMLInputElement).value).toBe('');
  });
});
