/**
 * CloudBase's limits that the code must live within, in one place, each with the document that sets it.
 * The local host, the embedded database and the mini-program test harness enforce them, so a path that
 * passes locally also fits on the platform (cloudfunctions/_runtime/db/README.md, "CloudBase limits and
 * where the local host enforces them").
 *
 * Where a document gives "KB" or "MB" without saying 1,000 or 1,024, the smaller reading is used: being
 * stricter locally than the platform costs nothing, being more forgiving hides a production failure.
 */

/**
 * The largest request body of a function call: "Maximum request body size limit for cloud functions:
 * 100KB for text type" — https://docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE .
 * WeChat's callFunction documentation gives the same threshold and says to upload larger content to cloud
 * storage and pass its file ID —
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/functions/Cloud.callFunction.md
 * Measured as the SDK sends it (see `callBodyBytes`).
 */
export const MAX_CALL_PAYLOAD_BYTES = 100_000;
/** The platform's error code for an oversize call (same page as above). */
export const PAYLOAD_ERROR_CODE = 'EXCEED_MAX_PAYLOAD_SIZE';
/** What `wx.cloud.callFunction` answers in the mini-program when the data is too large. */
export const PAYLOAD_ERR_MSG = 'cloud.callFunction:fail Error: data exceed max size';

/**
 * The largest response of a function call: "响应大小超过最大响应 1MB 限制" —
 * https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE . (The underlying SCF allows 6 MB for a
 * synchronous response, https://cloud.tencent.com/document/product/583/11637 ; CloudBase's own gateway is
 * the stricter 1 MB, so that is the figure.)
 */
export const MAX_CALL_RESPONSE_BYTES = 1_000_000;
export const RESPONSE_ERROR_CODE = 'EXCEED_MAX_RESPONSE_SIZE';

/**
 * How long a database transaction may stay open: "Transaction must be committed or aborted within 30
 * seconds" — https://docs.cloudbase.net/en/error-code/DATABASE_TRANSACTION_FAIL . Past it the server has
 * dropped the transaction and any further operation or the commit fails with DATABASE_TRANSACTION_FAIL.
 */
export const MAX_TRANSACTION_MS = 30_000;

/**
 * The most documents one transaction may write (add, set, update, remove — one document each, since
 * CloudBase transactions allow single-document operations only:
 * https://docs.cloudbase.net/database/transaction). CloudBase documents NO figure for this; 100 is our own
 * conservative choice: at a cloud round trip of 10–50 ms per operation, 100 writes stay far inside the 30 s
 * above, and a transaction that holds locks on fewer documents conflicts less. Work on more documents goes
 * in idempotent batches (the unit import writes in batches of this size).
 */
export const MAX_TRANSACTION_WRITES = 100;

/**
 * The size of a call's request body as the SDK sends it: the event is serialised to JSON and sent as the
 * string `request_data` inside a JSON body with the function's name
 * (@cloudbase/node-sdk src/functions/index.ts: `request_data: JSON.stringify(data)`), so quotes and
 * escapes in the event count twice.
 */
export function callBodyBytes(fn: string, event: unknown): number {
  const body = JSON.stringify({
    action: 'functions.invokeFunction',
    function_name: fn,
    request_data: JSON.stringify(event ?? {}),
  });
  return Buffer.byteLength(body, 'utf8');
}

/** The size of a function's answer as it leaves the function (its JSON). */
export function responseBytes(result: unknown): number {
  return Buffer.byteLength(JSON.stringify(result ?? null), 'utf8');
}

/**
 * How long one timer-triggered run of a function may take. The figure is in doubt, so the jobs are designed
 * for the lower one: the WeChat cloud development console accepts a function timeout of 1–60 s for some
 * environments (https://developers.weixin.qq.com/community/minihome/doc/0002a4188a8c6024687a45c955b000,
 * "前端限制输入1-60s"), while Tencent's timer triggers allow up to 900 s
 * (https://uniapp.dcloud.net.cn/uniCloud/trigger). A run that passes it is killed by the platform with
 * FUNCTIONS_TIME_LIMIT_EXCEEDED (https://docs.cloudbase.net/en/error-code/basic/FUNCTIONS_TIME_LIMIT_EXCEEDED).
 */
export const TIMER_RUN_LIMIT_MS = 60_000;

/**
 * The time budget of one slice of a timer job: checked between batches, so a slice stops at the first batch
 * boundary after it (a batch takes well under a second locally and a few hundred milliseconds of round
 * trips in the cloud), leaving a wide margin inside TIMER_RUN_LIMIT_MS for the batch in progress, the cold
 * start and the final progress write.
 */
export const JOB_SLICE_BUDGET_MS = 20_000;

/** The platform's error code for a function that ran past its time limit (see TIMER_RUN_LIMIT_MS). */
export const TIME_LIMIT_ERROR_CODE = 'FUNCTIONS_TIME_LIMIT_EXCEEDED';

/**
 * The most documents one query answers from a cloud function: "limit 在小程序端默认及最大上限为 20，在云函数端默认及
 * 最大上限为 1000" (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.limit.md).
 * The embedded database answers at most this many too.
 */
export const QUERY_LIMIT = 1000;

/**
 * The longest list one `command.in` / `command.nin` may carry. CloudBase does not document a figure (the
 * command reference, https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/command/Command.in,
 * names none; the request as a whole is bounded by the database's request size), so this is a conservative
 * choice of ours: 500 ids of 40 characters are about 20 KB. Lists are chunked to it (`inChunks`), and the
 * embedded database refuses a longer one, so code that forgets to chunk fails locally.
 */
export const IN_LIST_LIMIT = 500;

/**
 * The most documents `fetchAll` reads for one list before it fails loudly instead of returning a list cut
 * short (our figure: a whole collection of the district's largest kind, 200,000 leases or bills of a month,
 * fits under it with room to spare; anything larger must be processed in slices by a job, not listed).
 */
export const FETCH_ALL_MAX_DOCS = 500_000;
