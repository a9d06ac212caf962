import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput, CareDueItem } from '@shared/contracts';
import CareCheckin from '../../client/pages/care-checkin/index';
import { outbox } from '../../client/services/offline-queue';
import { rememberCare } from '../../client/services/patrol-cache';
import { fakeBackend, Refusal } from './fake-backend';
import { resetTaro, routerParams, toasts, ui } from './mocks/taro';

type CheckIn = ActionOutput<'patrol', 'careCheckIn'>;

const care: CareDueItem = {
  careId: 'care-p-test-h5',
  personName: '王奶奶',
  unitLabel: '1栋-301',
  reason: '孤寡独居',
  nextDueAt: '2026-11-29T02:00:00.000Z',
  overdue: false,
  notReachedSince: null,
};

const answer = (help: string | null): CheckIn => ({
  checkinId: 'cc-1',
  care: {
    id: care.careId,
    householdId: 'p-test-h5',
    projectId: 'p-test',
    unitLabel: care.unitLabel,
    personName: care.personName,
    reason: care.reason,
    contacts: [],
    cadenceDays: 7,
    volunteerUserId: 'u-volunteer',
    volunteerName: '李志愿',
    active: true,
    lastCheckAt: '2026-11-22T02:00:00.000Z',
    lastOutcome: 'needs_help',
    nextDueAt: '2026-11-29T02:00:00.000Z',
    overdue: false,
    notReachedSince: null,
    escalatedAt: null,
  },
  helpRequestId: help,
  replayed: false,
});

const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

describe('care check-in page (特殊关爱探访)', () => {
  beforeEach(() => {
    resetTaro();
    routerParams.id = care.careId;
  });

  it('opens from the list saved on the phone; without it, says to reopen it online', () => {
    render(<CareCheckin />);
    expect(screen.getByText('找不到这位关爱对象。请联网后从“我的巡查”重新打开。')).toBeTruthy();
  });

  it('shows who, where, why and by when; a resident not reached says since when', () => {
    rememberCare([
      care,
      { ...care, careId: 'care-2', notReachedSince: '2026-11-20T12:00:00.000Z', overdue: true },
    ]);
    const { unmount } = render(<CareCheckin />);
    expect(screen.getByText('王奶奶 · 1栋-301')).toBeTruthy();
    expect(screen.getByText(/孤寡独居/)).toBeTruthy();
    expect(screen.getByText('应于 2026年11月29日 10:00 前探访')).toBeTruthy();
    unmount();
    routerParams.id = 'care-2';
    render(<CareCheckin />);
    const late = screen.getByText('自 2026年11月20日 20:00 起未联系上，请尽快再次联系');
    expect(late.className).toContain('overdue-text');
  });

  it('asks for the outcome, and for the help needed, before sending anything', async () => {
    rememberCare([care]);
    const backend = fakeBackend();
    render(<CareCheckin />);
    await click('save-care');
    expect(screen.getByText('请选择探访结果。')).toBeTruthy();
    await click('care-outcome-needs_help');
    await click('save-care');
    expect(screen.getByText('请说明需要什么帮助。')).toBeTruthy();
    await click('care-outcome-not_reached');
    expect(screen.getByText('如超过规定时间仍未联系上，系统会通知物业管家和登记的联系人。')).toBeTruthy();
    expect(backend.calls).toEqual([]);
    expect(outbox()).toEqual([]);
  });

  it('"needs help" sends the check-in with the help asked for, then goes back', async () => {
    rememberCare([care]);
    const backend = fakeBackend().on('patrol', 'careCheckIn', answer('rep-care-1'));
    render(<CareCheckin />);
    await click('care-outcome-needs_help');
    await click('care-channel-phone');
    fireEvent.change(document.querySelector('#care-help')!, {
      target: { value: ' 老人腿脚不便，需要帮忙买药 ' },
    });
    await click('care-urgent-on'); // 紧急 is a chip to tap (issue #19), not a small switch
    fireEvent.change(document.querySelector('#care-note')!, { target: { value: '电话联系' } });
    await click('save-care');
    await waitFor(() => expect(ui.backs).toBe(1));
    expect(backend.unexpected).toEqual([]);
    expect(toasts).toEqual(['已提交，求助已转物业管家']);
    const [sent] = backend.inputsOf('patrol', 'careCheckIn');
    expect(sent).toMatchObject({
      careId: care.careId,
      outcome: 'needs_help',
      channel: 'phone',
      note: '电话联系',
      help: { description: '老人腿脚不便，需要帮忙买药', urgent: true },
    });
    expect(typeof sent!.clientCheckinId).toBe('string');
    expect(outbox()).toEqual([]);
    expect(backend.unexpected).toEqual([]);
  });

  it('with no network the check-in is kept on the phone to send later', async () => {
    rememberCare([care]);
    fakeBackend().on('patrol', 'careCheckIn', () => {
      throw new TypeError('Failed to fetch');
    });
    render(<CareCheckin />);
    await click('care-outcome-well');
    await click('save-care');
    await waitFor(() => expect(ui.backs).toBe(1));
    expect(toasts).toEqual(['已保存在手机上，联网后自动上传']);
    expect(outbox()).toEqual([
      expect.objectContaining({
        title: '王奶奶 关爱探访',
        error: null,
        job: expect.objectContaining({
          kind: 'careCheckIn',
          input: expect.objectContaining({ outcome: 'well' }),
        }),
      }),
    ]);
  });

  it('a refusal stays on the page with the server’s message and keeps nothing on the phone', async () => {
    rememberCare([care]);
    const backend = fakeBackend().on(
      'patrol',
      'careCheckIn',
      new Refusal('STATE_INVALID', '该住户已不在特殊关爱名单中。'),
    );
    render(<CareCheckin />);
    await click('care-outcome-well');
    await click('save-care');
    expect(await screen.findByText('该住户已不在特殊关爱名单中。')).toBeTruthy();
    expect(ui.backs).toBe(0);
    expect(outbox()).toEqual([]);
    // A corrected record is a new record: it gets a new id.
    await click('save-care');
    const [first, second] = backend.inputsOf('patrol', 'careCheckIn');
    expect(second!.clientCheckinId).not.toBe(first!.clientCheckinId);
  });
});
