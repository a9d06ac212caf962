import type { MessageKind } from '@shared/contracts';
import type { SmsSettings } from '../../config/messages';
import type { MessageSettings } from '@shared/rules/messages.rule';

/**
 * subscribeMessage.send, with WeChat's own request shape and answer
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
 * Production calls it through CloudBase's open-API call (`cloud-notify.adapter.ts`); locally and in tests a
 * sandbox answers with the same errcodes (`_local/sandbox-notify.adapter.ts`).
 */
export interface SubscribeSendRequest {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}
export interface SubscribeSendResult {
  errcode: number;
  errmsg: string;
  msgid?: number | string;
}
export interface SubscribeSendPort {
  send(request: SubscribeSendRequest): Promise<SubscribeSendResult>;
}

/**
 * Tencent Cloud SMS SendSms (API 2021-01-11, https://cloud.tencent.com/document/product/382/55981), the
 * request and answer fields as the API names them.
 */
export interface SendSmsRequest {
  PhoneNumberSet: string[];
  SmsSdkAppId: string;
  SignName: string;
  TemplateId: string;
  TemplateParamSet: string[];
  SessionContext?: string;
}
export interface SendSmsStatus {
  SerialNo: string;
  PhoneNumber: string;
  Fee: number;
  SessionContext: string;
  Code: string;
  Message: string;
  IsoCode: string;
}
export interface SendSmsResult {
  SendStatusSet: SendSmsStatus[];
  RequestId: string;
}
export interface SmsPort {
  sendSms(request: SendSmsRequest): Promise<SendSmsResult>;
}

/** Everything the sender needs to reach people. */
export interface NotifyChannels {
  /** Subscription template ids per kind (from the environment; a kind without one reaches the inbox only). */
  templateIds: Partial<Record<MessageKind, string>>;
  wechat: SubscribeSendPort;
  /** Null when SMS is not configured: urgent alerts then reach the inbox only (and say so). */
  sms: SmsPort | null;
  smsSettings: SmsSettings | null;
  settings: MessageSettings;
  /** developer / trial / formal: which version of the mini-program a subscription message opens. */
  miniprogramState: 'developer' | 'trial' | 'formal';
}
