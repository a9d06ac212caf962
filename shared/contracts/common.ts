import { z } from 'zod';
import { isIsoDate } from '../rules/dates';
import { MAX_FILE_ID_LENGTH, isFileId } from '../uploads';
import { ROLES } from './roles';

export { ROLES, ROLE_LABELS, type Role } from './roles';
export const roleSchema = z.enum(ROLES);

/** Integer fen (1 yuan = 100 fen); money never travels as a float (docs/conventions.md §8), nor past 2^53. */
export const fenSchema = z.number().int().safe();
export const idSchema = z.string().min(1).max(64);

/**
 * The most one money entry may be, either way: ¥1,000,000. A month's rent of a public rental unit is a few
 * hundred yuan; an entry above this is a typing error, and sums of such entries stay exact integers.
 */
export const MAX_ENTRY_FEN = 100_000_000;
/** One money amount sent by a caller (a payment, an adjustment): integer fen within ±¥1,000,000. */
export const entryFenSchema = z
  .number()
  .int('金额应精确到分')
  .min(-MAX_ENTRY_FEN, '单笔金额不能超过 100 万元')
  .max(MAX_ENTRY_FEN, '单笔金额不能超过 100 万元');

/** A date that exists on the calendar, in the years the system deals with. */
const isRealDate = (iso: string): boolean => isIsoDate(iso) && iso >= '1900-01-01' && iso <= '2100-12-31';

/** A calendar date `YYYY-MM-DD` that exists (refused at the contract, never deep inside a service). */
export const isoDateSchema = z
  .string()
  .length(10, '日期格式应为 YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '日期不存在');

/** An instant with its offset (`2026-12-01T09:00:00+08:00`) whose date part exists. */
export const instantSchema = z
  .string()
  .max(35, '时间格式不正确')
  .datetime({ offset: true, message: '时间格式不正确' })
  .refine((s) => isRealDate(s.slice(0, 10)), '日期不存在');

/** A month `YYYY-MM` (a billing period, a statistics range). */
export const monthSchema = z
  .string()
  .length(7, '月份格式应为 YYYY-MM')
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** A calendar quarter `YYYY-Q1`…`YYYY-Q4`. */
export const quarterSchema = z
  .string()
  .length(7)
  .regex(/^(19|20|21)\d{2}-Q[1-4]$/, '季度格式应为 YYYY-Q1 至 YYYY-Q4');

/** An id the phone makes for a retried write (idempotency key). */
export const clientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/**
 * A cloud storage file ID, `cloud://<env>.<bucket>/<path>`, as `wx.cloud.uploadFile` answers (files never travel
 * inside a call: shared/uploads.ts). A bare path is refused here, as CloudBase's storage refuses it.
 */
export const fileIdSchema = z
  .string()
  .max(MAX_FILE_ID_LENGTH, '文件标识过长')
  .refine(isFileId, '文件标识格式不正确，请重新上传');

/**
 * What an export action answers: the spreadsheet is written to cloud storage and read through a temporary
 * address, never carried in the answer (CloudBase refuses answers over 1 MB,
 * https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE; cloudfunctions/_runtime/exports.ts).
 */
export const exportFileSchema = z.object({
  /** The Chinese name to save the file as, e.g. `租金月报-2026-11.xlsx`. */
  fileName: z.string().max(200), // MAX_EXPORT_NAME in cloudfunctions/_runtime/exports.ts
  fileId: fileIdSchema,
  /** A temporary address (getTempFileURL): absolute on CloudBase, `/storage/…` on the local host. */
  url: z.string().max(2048),
  /** When the address stops working (ISO instant). */
  expiresAt: z.string().max(40),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

/** A SHA-256 digest in hex. */
export const sha256Schema = z
  .string()
  .length(64)
  .regex(/^[0-9a-f]{64}$/, '应为 SHA-256 十六进制摘要（64位）');

/**
 * One action of a function: the payload schema (everything in the event except `action`; unknown keys
 * rejected) and the result schema. The handler validates events with `input`; the client's call wrapper
 * takes its types from both.
 */
export interface ActionContract<
  I extends z.ZodTypeAny = z.ZodTypeAny,
  O extends z.ZodTypeAny = z.ZodTypeAny,
> {
  input: I;
  output: O;
}

export function action<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(
  input: I,
  output: O,
): ActionContract<I, O> {
  return { input, output };
}

export const healthResult = z.object({ status: z.literal('ok'), function: z.string(), time: z.string() });
export type HealthResult = z.infer<typeof healthResult>;

/** Every function answers `health` (used by the local host, CI and deployment checks). */
export const healthAction = action(z.object({}).strict(), healthResult);
