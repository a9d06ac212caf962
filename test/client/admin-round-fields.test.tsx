import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import AdminRound from '../../client/pages/admin-round/index';
import { setTransport } from '../../client/services/call';
import { modalAnswer, modals, routerParams, storage, toasts } from './mocks/taro';

/*
 * 配租轮次 (the office): the lottery's typed fields are one list — the seed, and for a redraw the reason — each
 * with its own error under it; a figure says what is wrong under itself; an objection is resolved only with
 * the result written, which the page says under the field rather than greying the button. Nothing is sent
 * while a field is wrong.
 */
type Results = ActionOutput<'allocation', 'roundResults'>;
type Objections = ActionOutput<'allocation', 'listObjections'>;
type Status = Results['round']['status'];

const SEED = '0123456789abcdef0123456789abcdef';
function world(status: Status, objections: Objections = []) {
  const results: Results = {
    round: {
      id: 'round-1',
      projectId: 'p-1',
      projectName: '和谐新城',
      title: '2026年第四季度配租',
      description: '',
      status,
      statusLabel: '办理中',
      registrationOpensAt: '2026-11-01T00:00:00.000Z',
      registrationClosesAt: '2026-11-10T00:00:00.000Z',
      eligibleCategories: ['dibao'],
      seedCommitment: 'c'.repeat(64),
      seed: null,
      algorithm: null,
      inputDigest: null,
      registrations: 2,
      vacantUnits: 2,
      noticeEndsOn: null,
    },
    rows: [],
  };
  const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
    if (event.action === 'roundResults') return { ok: true as const, data: results };
    if (event.action === 'auditLog') return { ok: true as const, data: [] };
    if (event.action === 'listObjections') return { ok: true as const, data: objections };
    if (event.action === 'runLottery' || event.action === 'resolveObjection')
      return { ok: true as const, data: results.round };
    return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
  });
  setTransport(transport);
  return transport;
}
const sent = (transport: ReturnType<typeof world>, action: string) =>
  transport.mock.calls.filter(([, e]) => e.action === action).map(([, e]) => e);
const type = (container: HTMLElement, id: string, value: string) =>
  fireEvent.change(container.querySelector(`#${id}`)!, { target: { value } });

beforeEach(() => {
  routerParams.id = 'round-1';
});
afterEach(() => {
  delete routerParams.id;
  storage.clear();
  modals.length = 0;
  toasts.length = 0;
  modalAnswer.confirm = true;
});

describe('admin-round: the lottery fields', () => {
  it('before the draw asks only for the seed, and says under it when it is too short', async () => {
    const transport = world('registration_closed');
    const { container } = render(<AdminRound />);
    await screen.findByText('公开种子并摇号');
    expect(container.querySelector('#seed-label')?.textContent).toBe('摇号种子（必填）');
    expect(container.querySelector('#rerun-reason')).toBeNull();
    type(container, 'seed', 'short');
    await act(async () => void fireEvent.click(container.querySelector('#run-lottery')!));
    expect(container.querySelector('#seed-error')?.textContent).toBe(
      '请输入发布公告时保存的摇号种子（至少 16 位）。',
    );
    expect(sent(transport, 'runLottery')).toEqual([]);
    type(container, 'seed', SEED);
    expect(container.querySelector('#seed-error')).toBeNull();
    await act(async () => void fireEvent.click(container.querySelector('#run-lottery')!));
    await waitFor(() => expect(sent(transport, 'runLottery')).toHaveLength(1));
    expect(sent(transport, 'runLottery')[0]).toEqual({
      action: 'runLottery',
      roundId: 'round-1',
      seed: SEED,
    });
  });

  it('a redraw also asks for the reason, each error under its own field, and sends both', async () => {
    storage.set('anju.seed.round-1', SEED);
    const transport = world('drawn');
    const { container } = render(<AdminRound />);
    await screen.findByText('重新摇号');
    // The seed saved when the round was announced is filled in.
    expect((container.querySelector('input#seed') as HTMLInputElement).value).toBe(SEED);
    await act(async () => void fireEvent.click(container.querySelector('#rerun-lottery')!));
    expect(container.querySelector('#rerun-reason-error')?.textContent).toBe('重新摇号须写明原因。');
    expect(container.querySelector('#seed-error')).toBeNull();
    expect(sent(transport, 'runLottery')).toEqual([]);
    type(container, 'rerun-reason', ' 报名名单有误 ');
    await act(async () => void fireEvent.click(container.querySelector('#rerun-lottery')!));
    await waitFor(() => expect(sent(transport, 'runLottery')).toHaveLength(1));
    expect(sent(transport, 'runLottery')[0]).toEqual({
      action: 'runLottery',
      roundId: 'round-1',
      seed: SEED,
      rerunReason: '报名名单有误',
    });
  });

  it('says under the notice days what is wrong with them', async () => {
    world('selecting');
    const { container } = render(<AdminRound />);
    await screen.findByText('发布结果公示');
    type(container, 'notice-days', '45');
    await act(async () => void fireEvent.click(container.querySelector('#publish')!));
    expect(container.querySelector('#notice-days-error')?.textContent).toBe(
      '请填写 1 到 30 之间的整数天数。',
    );
    expect(modals).toEqual([]);
  });

  it('resolving an objection with no result written says so under the field and sends nothing', async () => {
    const transport = world('publicized', [
      {
        id: 'obj-1',
        name: '王五',
        text: '排名有误',
        at: '2026-11-20T02:00:00.000Z',
        registrationId: null,
        status: 'pending',
        resolution: null,
      },
    ]);
    const { container } = render(<AdminRound />);
    await screen.findByText('标记已处理');
    const resolve = container.querySelector('#resolve-obj-1') as HTMLElement;
    expect(resolve.hasAttribute('disabled')).toBe(false);
    await act(async () => void fireEvent.click(resolve));
    expect(container.querySelector('#objection-resolution-error')?.textContent).toBe(
      '请先写明核查处理结果。',
    );
    expect(sent(transport, 'resolveObjection')).toEqual([]);
    type(container, 'objection-resolution', '经核查排名无误');
    await act(async () => void fireEvent.click(resolve));
    await waitFor(() => expect(sent(transport, 'resolveObjection')).toHaveLength(1));
    expect(sent(transport, 'resolveObjection')[0]).toEqual({
      action: 'resolveObjection',
      objectionId: 'obj-1',
      resolution: '经核查排名无误',
    });
  });
});
