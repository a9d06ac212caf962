/**
 * How messages are delivered (issue #18): which answers of the platforms are worth a retry, how long to
 * wait between tries, and the operator settings no document fixes (docs/conventions.md §11: named
 * constants beside their rule, 运营方设定). Pure: times are arguments (§10).
 */

/**
 * 运营方设定 (no policy document fixes them): how long an urgent alert may stay unacknowledged before it
 * goes to the next person on the project's list, how often a message is tried, and the wait before the
 * first retry (doubled each time).
 */
// The defaults of the first three; a district sets its own on the settings page (operator-constants.rule.ts
// `messageLimits`), read by the sender's timers (message.function.ts).
export const MESSAGE_OPERATOR_DEFAULTS = {
  /** Minutes an urgent alert waits for an acknowledgement before it escalates (运营方设定). */
  alertAckMinutes: 15,
  /** Tries of one message before it is dead-lettered (运营方设定). */
  maxAttempts: 5,
  /** Wait before the first retry, in seconds; doubled after each failed try (运营方设定). */
  retryBaseSeconds: 60,
  /** How long a sender holds a claimed message before another run may look at it again, in seconds. */
  leaseSeconds: 120,
  /** Messages one sender run handles at most (the rest wait for the next run). */
  batchSize: 50,
} as const;

export type MessageSettings = {
  -readonly [K in keyof typeof MESSAGE_OPERATOR_DEFAULTS]: number;
};

/**
 * subscribeMessage.send's errcodes (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html):
 * 43101 the user refused (or cancelled) the subscription, 40003 bad openid, 40037 bad template id, 47003
 * template data not valid, 41030 bad page. These are answers, not accidents: trying again cannot help.
 * -1 (系统繁忙) and 45009 (接口调用超过限额) are temporary: WeChat did not send, so a later try may.
 */
export const WECHAT_PERMANENT_ERRCODES: Record<number, string> = {
  43101: '用户拒收或已取消订阅',
  40003: '接收人的微信身份不正确',
  40037: '订阅模板编号不正确（请检查运营方配置）',
  47003: '模板内容不符合要求',
  41030: '跳转页面不存在',
};
export const WECHAT_TEMPORARY_ERRCODES: Record<number, string> = {
  [-1]: '微信系统繁忙',
  45009: '微信接口调用超过限额',
};

/**
 * Tencent Cloud SMS SendStatus codes (https://cloud.tencent.com/document/product/382/55981 SendSms,
 * error codes https://cloud.tencent.com/document/api/382/52075): `Ok` sent; rate limits are temporary;
 * anything else (bad number, unapproved signature or template, arrears) is permanent.
 */
export const SMS_TEMPORARY_CODES = [
  'LimitExceeded.PhoneNumberDailyLimit',
  'LimitExceeded.PhoneNumberThirtySecondLimit',
  'LimitExceeded.PhoneNumberOneHourLimit',
  'LimitExceeded.DeliveryFrequencyLimit',
  'InternalError.Timeout',
  'InternalError.RequestTimeException',
  'FailedOperation.ContainSensitiveWord',
] as const;

export type SendVerdict =
  | { outcome: 'sent' }
  | { outcome: 'retry'; reason: string }
  | { outcome: 'dead'; reason: string; refused?: boolean };

/** What a subscribeMessage.send answer means for the message. */
export function wechatVerdict(errcode: number, errmsg: string): SendVerdict {
  if (errcode === 0) return { outcome: 'sent' };
  if (errcode in WECHAT_PERMANENT_ERRCODES)
    return { outcome: 'dead', reason: WECHAT_PERMANENT_ERRCODES[errcode]!, refused: errcode === 43101 };
  if (errcode in WECHAT_TEMPORARY_ERRCODES)
    return { outcome: 'retry', reason: WECHAT_TEMPORARY_ERRCODES[errcode]! };
  return { outcome: 'dead', reason: `微信返回错误 ${errcode}（${errmsg.slice(0, 60)}）` };
}

/** What one SendStatus of SendSms means. */
export function smsVerdict(code: string, message: string): SendVerdict {
  if (code === 'Ok') return { outcome: 'sent' };
  if ((SMS_TEMPORARY_CODES as readonly string[]).includes(code))
    return { outcome: 'retry', reason: `短信暂时发送失败（${code}）` };
  return { outcome: 'dead', reason: `短信发送失败（${code}：${message.slice(0, 60)}）` };
}

/**
 * When the next try of a message may run after `attempts` failed tries, or null when it should be
 * dead-lettered instead (the tries are used up).
 */
export function nextAttemptAt(attempts: number, nowMs: number, settings: MessageSettings): number | null {
  if (attempts >= settings.maxAttempts) return null;
  return nowMs + settings.retryBaseSeconds * 1000 * 2 ** Math.max(0, attempts - 1);
}

/**
 * WeChat subscription message keyword types and their value limits
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html,
 * 订阅消息参数值内容限制): thing 20 characters, character_string 32, phrase 5, name 10 (here 10 characters),
 * amount 10 (a number with 元), time and date as given (at most 20 here).
 */
export const KEYWORD_LIMITS = {
  thing: 20,
  character_string: 32,
  phrase: 5,
  name: 10,
  amount: 10,
  time: 20,
  date: 20,
  number: 32,
} as const;
export type KeywordType = keyof typeof KEYWORD_LIMITS;

/** The keyword type of a template key (`thing1` → thing, `character_string3` → character_string). */
export function keywordType(key: string): KeywordType {
  const base = key.replace(/\d+$/, '');
  if (base in KEYWORD_LIMITS) return base as KeywordType;
  throw new Error(`unknown subscription keyword ${key}`);
}

/** A value cut to what its keyword allows (thing values end with … when cut). */
export function keywordValue(key: string, value: string): string {
  const type = keywordType(key);
  const max = KEYWORD_LIMITS[type];
  const chars = [...value.trim()];
  if (chars.length <= max) return chars.join('') || '—';
  return type === 'thing' ? chars.slice(0, max - 1).join('') + '…' : chars.slice(0, max).join('');
}

/**
 * Who an urgent alert goes to, in order: the project's managers all at once (level 0), then, one at a
 * time while nobody acknowledges, the rest of the project's list (`chain` after the managers).
 */
export function alertRecipients(chain: string[], firstLevelSize: number, level: number): string[] {
  const first = Math.max(1, firstLevelSize);
  if (level === 0) return chain.slice(0, first);
  const next = chain[first + level - 1];
  return next ? [next] : [];
}
