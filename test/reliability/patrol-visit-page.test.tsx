import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { VISIT_FORM_VERSION, type VisitView } from '@shared/contracts';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import PatrolVisit from '../../client/pages/patrol-visit/index';
import { setTransport } from '../../client/services/call';
import { outbox } from '../../client/services/offline-queue';
import { rememberVisits } from '../../client/services/patrol-cache';
import { storage } from '../client/mocks/taro';

/**
 * Honest checks on the volunteer's page (走访记录): no checklist item starts as 正常; the volunteer taps
 * 正常 / 有问题 / 不适用 for each, the page says which are still unanswered, and nothing is sent (or saved on
 * the phone) until every one is answered. What is sent, online or through the offline outbox, is exactly
 * what was tapped.
 */
const visit: VisitView = {
  id: 'pv-q-2026-Q4-p-a-b1-101',
  runId: 'q-2026-Q4',
  routeId: 'q-2026-Q4-p-a-b1-r01',
  target: 'unit',
  label: '甲1栋-101',
  buildingName: '甲1栋',
  floor: 1,
  status: 'to_visit',
  statusLabel: '待走访',
  specialCare: false,
  attempts: 0,
  retryOn: null,
  plannedOn: '2026-11-22',
  lastVisitedAt: null,
  checklist: HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, label: c.label })),
};

let network: 'up' | 'down' = 'up';
const sent: Record<string, unknown>[] = [];
Object.assign(Taro, {
  getCurrentInstance: () => ({ router: { params: { id: visit.id } } }),
  navigateBack: async () => undefined,
});

// The components mock passes Taro's `maxlength` of the problem-note Input to a DOM input; React's warning about
// that spelling is the mock's, not the page's.
const consoleError = console.error.bind(console);
jest
  .spyOn(console, 'error')
  .mockImplementation((...args: unknown[]) =>
    String(args[0]).includes('`maxlength`') ? undefined : consoleError(...args),
  );

beforeEach(() => {
  storage.clear();
  sent.length = 0;
  network = 'up';
  rememberVisits([visit]);
  setTransport(async (_fn, event) => {
    if (network === 'down') throw new TypeError('Failed to fetch');
    sent.push(event);
    return { ok: true as const, data: {} };
  });
});

const byId = (container: HTMLElement, id: string) => container.querySelector(`#${id}`) as HTMLElement;
const tap = (container: HTMLElement, id: string) => fireEvent.click(byId(container, id));

describe('patrol visit page: every checklist item answered by a tap', () => {
  it('starts with nothing answered and lists every item as not yet chosen', () => {
    const { container } = render(<PatrolVisit />);
    expect(container.querySelectorAll('#checklist .chip-on')).toHaveLength(0);
    for (const c of HOME_VISIT_CHECKLIST) expect(byId(container, `check-${c.id}-unanswered`)).not.toBeNull();
    expect(byId(container, 'checklist-progress').textContent).toBe(
      `已检查 0/7 项，还未选择：${HOME_VISIT_CHECKLIST.map((c) => c.label).join('、')}`,
    );
  });

  it('sends nothing while an item is unanswered, and names the ones left', async () => {
    const { container } = render(<PatrolVisit />);
    for (const c of HOME_VISIT_CHECKLIST.slice(1)) tap(container, `check-${c.id}-ok`);
    expect(byId(container, 'checklist-progress').textContent).toBe('已检查 6/7 项，还未选择：燃气软管及阀门');
    tap(container, 'save-visit');
    await screen.findByText(/还有 1 项未选择检查结果：燃气软管及阀门/);
    expect(sent).toHaveLength(0);
    expect(outbox()).toHaveLength(0);
  });

  it('sends exactly the answers tapped once every item has one', async () => {
    const { container } = render(<PatrolVisit />);
    const chosen = HOME_VISIT_CHECKLIST.map((c, i) => ({ id: c.id, result: i % 3 === 1 ? 'na' : 'ok' }));
    for (const c of chosen) tap(container, `check-${c.id}-${c.result}`);
    tap(container, 'occupancy-lived_in');
    expect(byId(container, 'checklist-progress').textContent).toBe('7 项均已选择检查结果');
    tap(container, 'save-visit');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      action: 'logVisit',
      visitId: visit.id,
      outcome: 'visited',
      checklist: chosen.map((c) => ({ ...c, note: '' })),
      occupancy: 'lived_in',
      form: VISIT_FORM_VERSION,
    });
  });

  it('offline, the record kept on the phone carries the same explicit answers', async () => {
    network = 'down';
    const { container } = render(<PatrolVisit />);
    tap(container, 'check-gas-problem');
    fireEvent.change(container.querySelector('#check-gas-note')!, { target: { value: '软管老化' } });
    for (const c of HOME_VISIT_CHECKLIST.slice(1)) tap(container, `check-${c.id}-ok`);
    tap(container, 'occupancy-unsure');
    tap(container, 'save-visit');
    await waitFor(() => expect(outbox()).toHaveLength(1));
    const job = outbox()[0]!.job;
    if (job.kind !== 'logVisit') throw new Error('not a visit log');
    expect(job.input.checklist).toEqual([
      { id: 'gas', result: 'problem', note: '软管老化' },
      ...HOME_VISIT_CHECKLIST.slice(1).map((c) => ({ id: c.id, result: 'ok', note: '' })),
    ]);
    expect(job.input).toMatchObject({ occupancy: 'unsure', form: VISIT_FORM_VERSION });
    expect(sent).toHaveLength(0);
  });

  it('nobody home: no checklist is asked for or sent', async () => {
    const { container } = render(<PatrolVisit />);
    tap(container, 'outcome-nobody_home');
    expect(byId(container, 'checklist')).toBeNull();
    tap(container, 'occupancy-vacant');
    tap(container, 'save-visit');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ outcome: 'nobody_home', checklist: [], occupancy: 'vacant' });
  });

  it('是否有人居住 unanswered: its own error under the question, nothing sent or kept, until it is tapped', async () => {
    const { container } = render(<PatrolVisit />);
    for (const c of HOME_VISIT_CHECKLIST) tap(container, `check-${c.id}-ok`);
    tap(container, 'save-visit');
    await waitFor(() =>
      expect(byId(container, 'occupancy-error')?.textContent).toBe(
        '请选择这户是否有人居住（看不出来请选“无法判断”）。',
      ),
    );
    // Under the question, inside its card.
    expect(byId(container, 'occupancy').contains(byId(container, 'occupancy-error'))).toBe(true);
    expect(byId(container, 'checklist-error')).toBeNull();
    expect(sent).toHaveLength(0);
    expect(outbox()).toHaveLength(0);
    tap(container, 'occupancy-vacant');
    expect(byId(container, 'occupancy-error')).toBeNull();
    tap(container, 'save-visit');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ outcome: 'visited', occupancy: 'vacant', form: VISIT_FORM_VERSION });
  });
});
