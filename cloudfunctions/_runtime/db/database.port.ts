import type { Db } from '@cloudbase/database';

/**
 * The database port: the narrow subset of `@cloudbase/node-sdk`'s database API that functions may use.
 * Production passes `tcb.init({ env }).database()` itself (the assertion at the bottom keeps that true);
 * locally the same SDK object is built over the embedded database. Nothing else is allowed: no
 * aggregate, no watch, no geo, no raw options.
 */
export type SortDirection = 'asc' | 'desc';

export interface QueryPort {
  where(query: object): QueryPort;
  orderBy(field: string, direction: SortDirection): QueryPort;
  /** At most 1000 (CloudBase caps it); 100 when not given. */
  limit(n: number): QueryPort;
  skip(n: number): QueryPort;
  field(projection: Record<string, boolean | number>): QueryPort;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  /** Updates every matching document (not allowed inside a transaction). */
  update(data: object): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface DocumentPort {
  /** Outside a transaction the SDK answers a list with zero or one document. */
  get(): Promise<{ data: unknown[] }>;
  /** Replaces (or creates) the whole document. */
  set(data: object): Promise<{ updated: number; upsertedId?: string }>;
  update(data: object): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface CollectionPort extends QueryPort {
  doc(id: string): DocumentPort;
  add(data: object): Promise<{ id?: string }>;
}

/** Inside a transaction: single-document operations only. */
export interface TransactionDocumentPort {
  /** Inside a transaction the SDK answers the document itself, or null. */
  get(): Promise<{ data: unknown }>;
  set(data: object): Promise<{ updated: number }>;
  update(data: object): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface TransactionPort {
  collection(name: string): {
    doc(id: string): TransactionDocumentPort;
    add(data: object): Promise<{ id?: string }>;
  };
  rollback(reason?: unknown): Promise<unknown>;
}

export interface DatabasePort {
  collection(name: string): CollectionPort;
  command: Db['command'];
  serverDate(options?: { offset?: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  /**
   * Runs `callback` in a transaction and commits. In CloudBase the callback may run more than once on a
   * conflict, so it must have no side effects outside the transaction.
   */
  runTransaction<T>(callback: (tx: TransactionPort) => Promise<T>, times?: number): Promise<T>;
}

// Compile-time proof that the SDK's own Db satisfies the port (production uses it unwrapped).
export type _SdkDbSatisfiesPort = Db extends DatabasePort ? true : never;
const _sdkDbSatisfiesPort: _SdkDbSatisfiesPort = true;
void _sdkDbSatisfiesPort;
