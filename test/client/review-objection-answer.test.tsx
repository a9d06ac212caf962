import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApplicationDetail } from '@shared/contracts';
import Review from '../../client/pages/review/index';
import { setTransport } from '../../client/services/call';
import { modalAnswer, modals, routerParams, toasts } from './mocks/taro';

/*
 * 审核申请: an objection raised during a notice is answered in writing (乌兰察布 第十三条). The two answer
 * buttons stay tappable; tapped with nothing written, the page says so under the answer field and sends
 * nothing (issue #19: not a greyed button that never says why). Written, the answer goes as typed.
 */
const pending = {
  id: 'obj-1',
  stage: '初审公示',
  text: '该户在外区另有住房',
  at: '2026-11-20T02:00:00.000Z',
  status: 'pending' as const,
  answer: null,
  answeredAt: null,
  upheld: null,
};
const app: ApplicationDetail = {
  id: 'app-1',
  status: 'initial_notice',
  statusLabel: '初审公示中',
  category: 'low_income',
  categoryLabel: '低收入住房困难家庭',
  submittedAt: '2026-11-01T02:00:00.000Z',
  history: [
    { state: 'initial_review', label: '提交申请', at: '2026-11-01T02:00:00.000Z', by: '申请人', note: '' },
  ],
  noticeEndsOn: '2026-11-27',
  returned: null,
  refusal: null,
  reReview: null,
  objections: [pending],
  documents: [],
  canWithdraw: false,
  canResubmit: false,
  canRequestReReview: false,
  certificateDate: null,
  headName: '张三',
  idNumberMasked: '4201**********1234',
  members: [],
  annualIncomeFen: 3_000_000,
  housing: { ownedHomeAreaM2: 0, description: '' },
  employmentMonths: null,
  documentFiles: [],
  departments: [],
  moves: ['answer_objection'],
};
const answered: ApplicationDetail = {
  ...app,
  objections: [{ ...pending, status: 'answered', answer: '经核查，该户无外区住房。', upheld: false }],
  moves: [],
};

function answer() {
  const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) => {
    if (event.action === 'applicationDetail') return { ok: true as const, data: app };
    if (event.action === 'answerReviewObjection') return { ok: true as const, data: answered };
    return { ok: false as const, error: { code: 'UNKNOWN_ACTION' as const, message: '不支持的操作。' } };
  });
  setTransport(transport);
  return transport;
}
const answersSent = (transport: ReturnType<typeof answer>) =>
  transport.mock.calls.filter(([, e]) => e.action === 'answerReviewObjection').map(([, e]) => e);

beforeEach(() => {
  routerParams.id = 'app-1';
});
afterEach(() => {
  delete routerParams.id;
  modals.length = 0;
  toasts.length = 0;
  modalAnswer.confirm = true;
});

describe('review page: answering an objection', () => {
  it.each([
    ['异议不成立', 'dismissed'],
    ['异议成立', 'upheld'],
  ])('%s with no answer written says so under the answer field and sends nothing', async (_, which) => {
    const transport = answer();
    const { container } = render(<Review />);
    await screen.findByText(/该户在外区另有住房/);
    const button = container.querySelector(`#objection-obj-1-${which}`) as HTMLElement;
    expect(button.hasAttribute('disabled')).toBe(false);
    // Spaces alone are no answer.
    fireEvent.change(container.querySelector('textarea#objection-obj-1-answer')!, {
      target: { value: '  ' },
    });
    await act(async () => void fireEvent.click(button));
    expect(container.querySelector('#objection-obj-1-answer-error')?.textContent).toBe(
      '请先写明书面答复，再选择异议是否成立。',
    );
    expect(container.querySelector('textarea#objection-obj-1-answer')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(modals).toEqual([]);
    expect(answersSent(transport)).toEqual([]);
  });

  it('typing clears the error; a written answer is confirmed and sent trimmed', async () => {
    const transport = answer();
    const { container } = render(<Review />);
    await screen.findByText(/该户在外区另有住房/);
    await act(async () => void fireEvent.click(container.querySelector('#objection-obj-1-dismissed')!));
    expect(container.querySelector('#objection-obj-1-answer-error')).not.toBeNull();
    fireEvent.change(container.querySelector('textarea#objection-obj-1-answer')!, {
      target: { value: ' 经核查，该户无外区住房。 ' },
    });
    expect(container.querySelector('#objection-obj-1-answer-error')).toBeNull();
    await act(async () => void fireEvent.click(container.querySelector('#objection-obj-1-dismissed')!));
    await waitFor(() => expect(answersSent(transport)).toHaveLength(1));
    expect(modals[0]?.title).toBe('答复异议');
    expect(answersSent(transport)[0]).toEqual({
      action: 'answerReviewObjection',
      applicationId: 'app-1',
      objectionId: 'obj-1',
      answer: '经核查，该户无外区住房。',
      upheld: false,
    });
    await screen.findByText(/答复：经核查，该户无外区住房。/);
  });
});
