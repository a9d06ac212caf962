import Taro from '@tarojs/taro';
import type { SubscribeMoment } from '@shared/contracts';
import { callFunction } from './call';

/**
 * Asking for WeChat subscription messages at the moments a person expects them (issue #18): after filing a
 * repair, opening or paying bills, registering for a round, taking on patrol routes.
 *
 * `wx.requestSubscribeMessage` shows its dialog only from a tap (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html:
 * 只能在用户发生点击行为后调用) and takes at most 3 template ids, so the ids are fetched when the page
 * opens (`prepareSubscription`) and the dialog is opened synchronously inside the tap (`askSubscription`).
 * What the person answers is recorded on the server (one one-time consent per accepted template).
 * Outside the mini-program (the browser build) there are no subscription messages: nothing is asked.
 */
const cache = new Map<SubscribeMoment, string[]>();

const inMiniProgram = () => process.env.TARO_ENV === 'weapp';

/** Fetches the moment's template ids ahead of the tap (errors ignored: no dialog then). */
export async function prepareSubscription(moment: SubscribeMoment): Promise<void> {
  if (!inMiniProgram() || cache.has(moment)) return;
  try {
    const { templates } = await callFunction('message', 'subscribeTemplates', { moment });
    cache.set(
      moment,
      templates.map((t) => t.templateId),
    );
  } catch {
    // Without the ids there is nothing to ask; the inbox still has every message.
  }
}

const requestId = () =>
  `sub-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`.slice(0, 64);

/**
 * Opens the subscription dialog for the moment (call it first thing in the tap handler, not awaited), and
 * records the answer. Never throws: a refusal or a failure only means the inbox is the channel.
 */
export function askSubscription(moment: SubscribeMoment): Promise<void> {
  const tmplIds = cache.get(moment) ?? [];
  if (!inMiniProgram() || tmplIds.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds: tmplIds.slice(0, 3),
      entityIds: [],
      success: (res: Record<string, string>) => {
        const results = tmplIds
          .slice(0, 3)
          .map((id) => ({ templateId: id, result: res[id] }))
          .filter(
            (r): r is { templateId: string; result: 'accept' | 'reject' | 'ban' | 'filter' } =>
              r.result === 'accept' || r.result === 'reject' || r.result === 'ban' || r.result === 'filter',
          );
        if (results.length === 0) return resolve();
        void callFunction('message', 'recordConsent', { clientRequestId: requestId(), results }).then(
          () => resolve(),
          () => resolve(),
        );
      },
      fail: () => resolve(),
    } as Parameters<typeof Taro.requestSubscribeMessage>[0]);
  });
}
