/**
 * CloudBase's limits, in one place, each with its source. The local host and the embedded database enforce
 * the same figures (see `cloudfunctions/_runtime/db/README.md`, "CloudBase limits"), so a path that passes
 * locally stays inside them on the platform.
 */

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
