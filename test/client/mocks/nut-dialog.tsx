import { useEffect } from 'react';
import type { DialogRequest, LoadingRequest, ToastRequest } from '../../../client/utils/ui';
import { exportsUi, loadings, modalAnswer, modals, toasts } from './taro';

/**
 * components/nut-dialog.tsx for jsdom (components/dialog-host.tsx draws utils/ui.ts's dialogs, toasts and loading
 * overlay with it). They answer from the same queue as Taro.showModal / Taro.showToast in mocks/taro.ts, so a test reads
 * `modals` and `toasts` and sets `modalAnswer` whichever of the two a page reached: an opened dialog is
 * recorded in `modals` and answered at once with `modalAnswer.confirm` (a notice, which has no 取消, with its
 * one button); a shown toast is recorded in `toasts`. Neither draws anything, as the native ones did not.
 */
export function NutDialog({
  dialog,
  onAnswer,
}: {
  dialog: DialogRequest;
  onAnswer: (confirmed: boolean) => void;
}) {
  useEffect(() => {
    modals.push({ title: dialog.title, content: dialog.content });
    onAnswer(dialog.cancelText === null || modalAnswer.confirm);
    // Once per dialog: the host gives each its own request object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialog]);
  return null;
}

/** Toasts already recorded: one shown at the end of a test may still be up when the next test's page mounts. */
const recorded = new Set<number>();

export function NutToast({ toast }: { toast: ToastRequest }) {
  useEffect(() => {
    if (recorded.has(toast.seq)) return;
    recorded.add(toast.seq);
    toasts.push(toast.title);
  }, [toast]);
  return null;
}

/**
 * The loading overlay (utils/ui.ts loading()): drawn for real (#loading-overlay with its words, so a test sees
 * it on the page while the work goes on), and counted as Taro.showLoading / hideLoading are in mocks/taro.ts:
 * its words pushed to `loadings` when it is shown, `exportsUi.hideLoadingCalls` counted when it goes.
 */
export function NutLoading({ loading }: { loading: LoadingRequest }) {
  useEffect(() => {
    loadings.push(loading.title);
    return () => void exportsUi.hideLoadingCalls++;
  }, [loading]);
  return (
    <div id="loading-overlay" role="status">
      {loading.title}
    </div>
  );
}
