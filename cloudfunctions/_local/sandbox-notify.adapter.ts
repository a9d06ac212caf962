import { randomUUID } from 'node:crypto';
import { COLLECTIONS } from '@shared/collections';
import { MESSAGE_OPERATOR_DEFAULTS } from '@shared/rules/messages.rule';
import { sandboxSmsSettings, sandboxTemplateIds } from '../../config/messages';
import type { DatabasePort } from '../_runtime/db';
import type {
  NotifyChannels,
  SendSmsRequest,
  SendSmsResult,
  SubscribeSendRequest,
  SubscribeSendResult,
} from '../_runtime/notify.port';

/**
 * The local sandboxes of WeChat's subscribeMessage.send and Tencent Cloud SMS SendSms: the same request
 * shapes, the same answers (errcode / SendStatus Code), and every request they accept kept in the
 * `sandbox_outbound` collection, shown on the local host at GET /api/dev/sandbox/messages.
 *
 * Tests script failures with `failNext` (the next sends answer these errcodes or codes, in order).
 * Nothing here is reachable from a production bundle (scripts/build-functions.ts refuses `_local/`).
 */
export interface SandboxNotify {
  channels: NotifyChannels;
  /** The next subscription sends answer these errcodes (0 = sent), in order. */
  failWechat(...errcodes: number[]): void;
  /** The next SMS answer these SendStatus codes ('Ok' = sent), in order. */
  failSms(...codes: string[]): void;
}

export interface SandboxSentDoc {
  _id: string;
  channel: 'wechat' | 'sms';
  at: string;
  /** The request exactly as sent. */
  request: SubscribeSendRequest | SendSmsRequest;
  /** What the sandbox answered. */
  answer: string;
  accepted: boolean;
}

export function createSandboxNotify(db: DatabasePort, now: () => Date): SandboxNotify {
  const wechatScript: number[] = [];
  const smsScript: string[] = [];
  const record = async (channel: 'wechat' | 'sms', request: object, answer: string, accepted: boolean) => {
    await db
      .collection(COLLECTIONS.sandboxOutbound)
      .doc(randomUUID().replace(/-/g, ''))
      .set({ channel, at: now().toISOString(), request, answer, accepted });
  };
  const channels: NotifyChannels = {
    templateIds: sandboxTemplateIds(),
    wechat: {
      async send(request): Promise<SubscribeSendResult> {
        const errcode = wechatScript.shift() ?? 0;
        if (errcode === 0 && (!request.touser || !request.template_id))
          return { errcode: 40003, errmsg: 'invalid openid' };
        await record('wechat', request, String(errcode), errcode === 0);
        return errcode === 0
          ? { errcode: 0, errmsg: 'ok', msgid: Date.now() }
          : { errcode, errmsg: `sandbox errcode ${errcode}` };
      },
    },
    sms: {
      async sendSms(request: SendSmsRequest): Promise<SendSmsResult> {
        const statuses = request.PhoneNumberSet.map((phone) => {
          const code = smsScript.shift() ?? 'Ok';
          return {
            SerialNo: code === 'Ok' ? randomUUID() : '',
            PhoneNumber: phone,
            Fee: code === 'Ok' ? 1 : 0,
            SessionContext: request.SessionContext ?? '',
            Code: code,
            Message: code === 'Ok' ? 'send success' : `sandbox ${code}`,
            IsoCode: 'CN',
          };
        });
        await record(
          'sms',
          request,
          statuses.map((s) => s.Code).join(','),
          statuses.every((s) => s.Code === 'Ok'),
        );
        return { SendStatusSet: statuses, RequestId: randomUUID() };
      },
    },
    smsSettings: sandboxSmsSettings(),
    settings: { ...MESSAGE_OPERATOR_DEFAULTS },
    miniprogramState: 'developer',
  };
  return {
    channels,
    failWechat: (...codes) => void wechatScript.push(...codes),
    failSms: (...codes) => void smsScript.push(...codes),
  };
}
