/**
 * The drawing of utils/ui.ts's dialogs and toasts (issue #19), for components/dialog-host.tsx only: NutUI's
 * dialog box (`Content` of its Dialog: title, text, footer, with the Dialog's stylesheet), NutUI's Button in
 * the footer, and NutUI's overlay and toast stylesheets for the mask and the toast.
 *
 * Not NutUI's `Dialog` and `Toast` components themselves: both open through NutUI's Overlay, which animates
 * with react-transition-group, and with them the mini-program's main package (every page's <Screen> draws
 * the host) measured 616.0 KB, over its 600 KB budget (test/miniprogram/main-package.test.ts); these pieces
 * add about 13 KB. A door of its own, like components/nut-date-picker.ts: the browser build loads it on the
 * first dialog or toast (components/load-nut-dialog.h5.ts), so it is not part of the H5 first screen.
 */
import { Text, View } from '@tarojs/components';
import { Loading, Success } from '@nutui/icons-react-taro';
import { Content } from '@nutui/nutui-react-taro/dist/es/packages/dialog/content';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/toast/style/css';
import type { DialogRequest, LoadingRequest, ToastRequest } from '../utils/ui';
import { useDialogFocus } from './dialog-focus';
import { Button } from './nut';

/** An open confirmation or notice: a mask over the page and NutUI's dialog box, its buttons in the footer. */
export function NutDialog({
  dialog,
  onAnswer,
}: {
  dialog: DialogRequest;
  onAnswer: (confirmed: boolean) => void;
}) {
  // In the browser: focus on 确定, Tab kept inside, Esc is 取消 (a notice's Esc is its one button).
  useDialogFocus(dialog, () => onAnswer(dialog.cancelText === null));
  return (
    <View className="anju-dialog-layer">
      {/* A tap on the mask does nothing: the user answers with a button, as with WeChat's own modal. */}
      <View className="nut-overlay anju-dialog-mask" catchMove />
      <View role="dialog" aria-modal="true" aria-label={dialog.title}>
        <Content
          className="anju-dialog"
          visible
          title={dialog.title}
          footer={
            <>
              {dialog.cancelText !== null ? (
                <Button
                  id="dialog-cancel"
                  className="nut-dialog-footer-cancel anju-dialog-button"
                  onClick={() => onAnswer(false)}
                >
                  {dialog.cancelText}
                </Button>
              ) : null}
              <Button
                id="dialog-confirm"
                className="nut-dialog-footer-ok anju-dialog-button"
                type="primary"
                onClick={() => onAnswer(true)}
              >
                {dialog.confirmText}
              </Button>
            </>
          }
        >
          <Text className="anju-dialog-text">{dialog.content}</Text>
        </Content>
      </View>
    </View>
  );
}

/** A toast: NutUI's toast box in the middle of the screen; taps go through to the page, as with WeChat's. */
export function NutToast({ toast }: { toast: ToastRequest }) {
  return (
    <View className="nut-toast anju-toast-layer">
      <View
        className="nut-toast-inner nut-toast-middle nut-toast-inner-base nut-toast-inner-normal anju-toast"
        role="status"
        aria-live="polite"
      >
        {toast.icon === 'success' ? (
          <View className="nut-toast-icon-wrapper" aria-hidden>
            <Success />
          </View>
        ) : null}
        <Text className="nut-toast-text">{toast.title}</Text>
      </View>
    </View>
  );
}

/**
 * The loading overlay (utils/ui.ts loading()): NutUI's toast box with its turning loading mark and the words,
 * over a see-through mask that takes every tap on the page until the work is done (as WeChat's showLoading with
 * `mask: true`).
 */
export function NutLoading({ loading }: { loading: LoadingRequest }) {
  return (
    <View className="nut-toast anju-loading-layer" catchMove>
      <View
        id="loading-overlay"
        className="nut-toast-inner nut-toast-middle nut-toast-inner-base nut-toast-inner-normal anju-toast anju-loading"
        role="status"
        aria-live="polite"
        aria-busy="true"
      >
        <View className="nut-toast-icon-wrapper" aria-hidden>
          <Loading className="nut-icon-loading" />
        </View>
        <Text className="nut-toast-text">{loading.title}</Text>
      </View>
    </View>
  );
}
