import Taro from '@tarojs/taro';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@shared/contracts';
import { ERROR_MESSAGES, messageFor, type Envelope, type ErrorCode } from '@shared/errors';
import { getSessionToken } from './session';

/** A failed call: the error code and the Chinese message to show. */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

export const NETWORK_MESSAGE = '网络异常，请检查网络后重试。';

export type Transport = (fn: string, event: Record<string, unknown>) => Promise<Envelope<unknown>>;

/** Mini-program: the CloudBase function, identity added by WeChat. */
const cloudTransport: Transport = async (fn, event) => {
  const res = await Taro.cloud.callFunction({ name: fn, data: event });
  return res.result as Envelope<unknown>;
};

/** Browser: the local host (or a configured HTTP gateway), identity from the signed session. */
const httpTransport: Transport = async (fn, event) => {
  const res = await fetch(`${ANJU_API_BASE}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anju-session': getSessionToken() },
    body: JSON.stringify(event),
  });
  return (await res.json()) as Envelope<unknown>;
};

let transport: Transport = process.env.TARO_ENV === 'weapp' ? cloudTransport : httpTransport;

/** Tests replace the transport. */
export function setTransport(next: Transport): void {
  transport = next;
}

/**
 * The platform refused the call because its data is over the size limit, before any function ran: in the
 * mini-program `wx.cloud.callFunction` fails with errMsg `cloud.callFunction:fail Error: data exceed max
 * size` (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/functions/Cloud.callFunction.md);
 * CloudBase's SDKs and gateway answer the code EXCEED_MAX_PAYLOAD_SIZE
 * (https://docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE). This is not a network
 * failure: sending the same call again fails the same way.
 */
export function isPayloadRefusal(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, errMsg, message } = err as { code?: unknown; errMsg?: unknown; message?: unknown };
  if (code === 'EXCEED_MAX_PAYLOAD_SIZE') return true;
  return [errMsg, message].some((m) => typeof m === 'string' && /exceed max (payload )?size/i.test(m));
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return Boolean(value && typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean');
}

/**
 * The one typed way to call a cloud function: `callFunction('account', 'me', {})`. Input and output
 * types come from the zod contracts in shared/contracts; a failure throws CallError with a Chinese message.
 */
export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  let envelope: unknown;
  try {
    envelope = await transport(fn, { ...(input as Record<string, unknown>), action });
  } catch (err) {
    if (isPayloadRefusal(err))
      throw new CallError('EXCEED_MAX_PAYLOAD_SIZE', ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE);
    throw new CallError('NETWORK', NETWORK_MESSAGE);
  }
  if (!isEnvelope(envelope)) {
    // A gateway's own answer (`{ code: 'EXCEED_MAX_PAYLOAD_SIZE', message }`) instead of the function's.
    if (isPayloadRefusal(envelope))
      throw new CallError('EXCEED_MAX_PAYLOAD_SIZE', ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE);
    throw new CallError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  }
  if (!envelope.ok)
    throw new CallError(envelope.error.code, messageFor(envelope.error), envelope.error.fields);
  return envelope.data as ActionOutput<F, A>;
}
