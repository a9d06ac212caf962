import { act, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Screen } from '../../client/components/screen';
import { confirm, notice, toast, TOAST_MS, uiStore } from '../../client/utils/ui';
import { modalAnswer, modals, resetTaro, toasts } from './mocks/taro';

/**
 * utils/ui.ts's confirm(), notice() and toast() (issue #19): on a page drawn by <Screen> they are the page's
 * own dialog and toast (components/dialog-host.tsx), never WeChat's native modal; without a Screen they fall
 * back to Taro.showModal / Taro.showToast. The dialog mock (mocks/nut-dialog.tsx) answers from the same
 * queue as the Taro mock (`modals`, `modalAnswer`), so both paths are told apart by spying on Taro.
 */
const nativeModal = jest.spyOn(Taro, 'showModal');
const nativeToast = jest.spyOn(Taro, 'showToast');

beforeEach(() => {
  resetTaro();
  nativeModal.mockClear();
  nativeToast.mockClear();
});
afterEach(() => jest.useRealTimers());

/** Opens in a synchronous act(), so the host draws (and the mock answers) before the answer is awaited. */
function ask<T>(open: () => Promise<T>): Promise<T> {
  let pending: Promise<T> | undefined;
  act(() => {
    pending = open();
  });
  return pending!;
}

const page = (id: string) => (
  <Screen id={id} title="测试">
    <span>内容</span>
  </Screen>
);

describe('without a Screen: Taro’s own modal and toast', () => {
  it('confirm() asks Taro.showModal and answers what the user tapped', async () => {
    modalAnswer.confirm = false;
    await expect(confirm('解除绑定', '确定解除？', '解除')).resolves.toBe(false);
    expect(nativeModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '解除绑定', confirmText: '解除', cancelText: '取消' }),
    );
    toast('已保存', 'success');
    // The platform's toast is reached through its loader (one microtask; in the browser a chunk).
    await waitFor(() =>
      expect(nativeToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存', icon: 'success' })),
    );
  });
});

describe('on a page with a Screen: the page’s own dialog and toast', () => {
  it('confirm() is answered in the page (确定 and 取消), and WeChat’s modal is never opened', async () => {
    render(page('p1'));
    modalAnswer.confirm = true;
    const yes = await ask(() => confirm('解除绑定', '确定解除？', '解除'));
    modalAnswer.confirm = false;
    const no = await ask(() => confirm('撤回申请', '确定撤回？'));
    expect([yes, no]).toEqual([true, false]);
    expect(modals).toEqual([
      { title: '解除绑定', content: '确定解除？' },
      { title: '撤回申请', content: '确定撤回？' },
    ]);
    expect(nativeModal).not.toHaveBeenCalled();
    expect(uiStore.get().dialog).toBeNull();
  });

  it('a notice (one button) resolves when read, even where 取消 would be the answer', async () => {
    render(page('p2'));
    modalAnswer.confirm = false;
    await ask(() => notice('缴费未成功', '网络不可用，请稍后重试。'));
    expect(modals).toEqual([{ title: '缴费未成功', content: '网络不可用，请稍后重试。' }]);
    expect(nativeModal).not.toHaveBeenCalled();
  });

  it('dialogs opened together are shown one after another, each with its own answer', async () => {
    render(page('p3'));
    modalAnswer.confirm = true;
    const answers = await ask(() => Promise.all([confirm('第一', '一'), confirm('第二', '二')]));
    expect(modals.map((m) => m.title)).toEqual(['第一', '第二']);
    expect(answers).toEqual([true, true]);
  });

  it('a toast shows in the page, stays up on the next page, and goes after its time', () => {
    jest.useFakeTimers();
    const first = render(page('p4'));
    act(() => toast('已提交', 'success'));
    expect(toasts).toEqual(['已提交']);
    expect(nativeToast).not.toHaveBeenCalled();
    // Navigating away: the next page's host draws the same toast for the rest of its time.
    first.unmount();
    render(page('p5'));
    expect(uiStore.get().toast?.title).toBe('已提交');
    act(() => void jest.advanceTimersByTime(TOAST_MS + 10));
    expect(uiStore.get().toast).toBeNull();
    expect(toasts).toEqual(['已提交']);
  });
});
