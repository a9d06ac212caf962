/**
 * One error vocabulary for every function and page (docs/conventions.md §7).
 * Functions answer `{ ok: false, error: { code, message } }`; the client maps the code to the
 * Chinese message below, so a message never depends on server text.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '提交的内容不完整或格式不正确，请检查后重试。',
  UNKNOWN_ACTION: '不支持的操作。',
  UNAUTHENTICATED: '请先登录后再操作。',
  NOT_FOUND: '未找到相关记录，或您无权查看。',
  CONFLICT: '数据已被他人修改或已存在，请刷新后重试。',
  RULE_VIOLATION: '该操作不符合政策规定。',
  STATE_INVALID: '当前状态下不能进行该操作。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  UNAVAILABLE: '服务暂时不可用，请稍后重试。',
  INTERNAL: '系统繁忙，请稍后重试。',
  /** The platform refused the call before the function ran: the data sent is over its size limit. */
  EXCEED_MAX_PAYLOAD_SIZE: '提交的内容过大（超过 100 KB），请减少内容或照片后重试。',
  /** The platform refused the function's answer: it is over the response size limit. */
  EXCEED_MAX_RESPONSE_SIZE: '查询结果过多，请缩小查询范围后重试。',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms (path → Chinese message); never contains stored data. */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** An expected failure a service raises on purpose; the handler maps it to the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
  }
}

/** The Chinese message a page shows for an error body (server text is used only when it is specific). */
export function messageFor(error: ErrorBody): string {
  return error.message || ERROR_MESSAGES[error.code] || ERROR_MESSAGES.INTERNAL;
}
