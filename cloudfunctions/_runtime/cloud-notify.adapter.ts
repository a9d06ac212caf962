import type tcb from '@cloudbase/node-sdk';
import { sms as tencentSms } from 'tencentcloud-sdk-nodejs-sms';
import { MESSAGE_OPERATOR_DEFAULTS } from '@shared/rules/messages.rule';
import { smsSettingsFromEnv, templateIdsFromEnv } from '../../config/messages';
import type { NotifyChannels, SmsPort, SubscribeSendPort } from './notify.port';

/**
 * subscribeMessage.send through CloudBase's open-API call (`app.callWxOpenApi`, @cloudbase/node-sdk 3.18.3
 * src/wx/index.ts: action `wx.api`, the answer's `responseData` parsed as WeChat's JSON). The function that
 * calls it declares the interface in its open-API permissions (each function's config.json
 * `permissions.openapi`, written by scripts/build-functions.ts from config/deploy/openapi.ts), as 云调用 requires:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html (为云函数声明所需调用的接口).
 * Not verified against a live environment from this repository: see README, 消息与提醒.
 */
export function createCloudSubscribeSender(app: ReturnType<typeof tcb.init>): SubscribeSendPort {
  return {
    async send(request) {
      const res = (await app.callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: request,
      })) as {
        result?: { errcode?: number; errmsg?: string; msgid?: number };
        code?: string;
        message?: string;
      };
      if (res.code) {
        // CloudBase itself refused (no permission, bad environment): nothing reached WeChat.
        return { errcode: -1, errmsg: `${res.code}: ${res.message ?? ''}` };
      }
      return {
        errcode: res.result?.errcode ?? 0,
        errmsg: res.result?.errmsg ?? 'ok',
        msgid: res.result?.msgid,
      };
    },
  };
}

/**
 * Tencent Cloud SMS (SendSms, API 2021-01-11: https://cloud.tencent.com/document/product/382/55981) with
 * the function's own credentials: SCF puts the execution role's temporary keys in TENCENTCLOUD_SECRETID,
 * TENCENTCLOUD_SECRETKEY and TENCENTCLOUD_SESSIONTOKEN (https://cloud.tencent.com/document/product/583/30235);
 * SMS_REGION defaults to ap-guangzhou.
 */
export function createTencentSms(env: Record<string, string | undefined>): SmsPort | null {
  const secretId = env.TENCENTCLOUD_SECRETID;
  const secretKey = env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) return null;
  const client = new tencentSms.v20210111.Client({
    credential: {
      secretId,
      secretKey,
      ...(env.TENCENTCLOUD_SESSIONTOKEN ? { token: env.TENCENTCLOUD_SESSIONTOKEN } : {}),
    },
    region: env.SMS_REGION ?? 'ap-guangzhou',
    profile: { httpProfile: { reqTimeout: 10 } },
  });
  return {
    async sendSms(request) {
      const res = await client.SendSms(request);
      return {
        RequestId: res.RequestId ?? '',
        SendStatusSet: (res.SendStatusSet ?? []).map((s) => ({
          SerialNo: s.SerialNo ?? '',
          PhoneNumber: s.PhoneNumber ?? '',
          Fee: s.Fee ?? 0,
          SessionContext: s.SessionContext ?? '',
          Code: s.Code ?? '',
          Message: s.Message ?? '',
          IsoCode: s.IsoCode ?? '',
        })),
      };
    },
  };
}

/** Production channels from the function's environment variables (README, 消息与提醒). */
export function createCloudNotifyChannels(
  app: ReturnType<typeof tcb.init>,
  env: Record<string, string | undefined>,
): NotifyChannels {
  const state = env.WX_MINIPROGRAM_STATE;
  return {
    templateIds: templateIdsFromEnv(env),
    wechat: createCloudSubscribeSender(app),
    sms: createTencentSms(env),
    smsSettings: smsSettingsFromEnv(env),
    settings: { ...MESSAGE_OPERATOR_DEFAULTS },
    miniprogramState: state === 'developer' || state === 'trial' ? state : 'formal',
  };
}
