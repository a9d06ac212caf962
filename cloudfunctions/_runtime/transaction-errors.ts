/**
 * Whether a transaction failed because it conflicted with another one and the SDK's own reruns
 * (`runTransaction(fn, times)`) were used up. CloudBase reports this as DATABASE_TRANSACTION_FAIL or
 * DATABASE_TRANSACTION_CONFLICT ("数据库事务间冲突",
 * https://docs.cloudbase.net/error-code/DATABASE_TRANSACTION_CONFLICT); the message of the underlying
 * database names a write conflict.
 */
export function isTransactionConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'DATABASE_TRANSACTION_FAIL' || code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const message = String((err as { message?: unknown }).message ?? '');
  return /write ?conflict|transaction.*conflict/i.test(message);
}
