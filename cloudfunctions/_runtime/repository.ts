import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort, TransactionPort } from './db';
import type { AuditDoc } from './documents';

/**
 * Building blocks for the repositories (the only code that touches collections, docs/conventions.md §2).
 *
 * Transactions, one style everywhere: a repository's single-document reads and writes are built on a
 * `Writer` (the database, or a transaction), and its `runInTransaction(fn)` hands `fn` the same methods
 * bound to the transaction. Services never see the database or the transaction handle.
 */
export type Writer = DatabasePort | TransactionPort;

/** One document by id, or null: the same inside a transaction (the SDK answers the document) and outside (a list). */
export async function readDoc<T>(w: Writer, collection: string, id: string): Promise<T | null> {
  const data = (await w.collection(collection).doc(id).get()).data as T | T[] | null | undefined;
  return (Array.isArray(data) ? data[0] : data) ?? null;
}

/** Single-document reads and writes on one collection, through a Writer. */
export function docsOf<T extends { _id: string }>(w: Writer, collection: string) {
  return {
    get: (id: string) => readDoc<T>(w, collection, id),
    /** Creates or replaces the document `id` (the body carries no `_id`). */
    async set(id: string, body: Omit<T, '_id'>): Promise<void> {
      await w.collection(collection).doc(id).set(body);
    },
    /** Updates fields of `id`; a patch may use database commands (push, addToSet, …). */
    async update(id: string, patch: object): Promise<void> {
      await w.collection(collection).doc(id).update(patch);
    },
    /** Adds a document with a generated id, and returns the id. */
    async add(doc: Omit<T, '_id'>): Promise<string> {
      return String((await w.collection(collection).add(doc)).id);
    },
  };
}

let auditSeq = 0;
/**
 * An audit entry's id: its time, then a sequence number, then randomness. Lists are read in `_id` order
 * (keyset paging, fetch-all.ts), so entries made in the same millisecond keep the order they were made in.
 */
export function auditId(at: string): string {
  auditSeq = (auditSeq + 1) % 1_000_000;
  return `a-${at}-${String(auditSeq).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Appends to the audit trail (allocation and billing), inside a transaction when given one. */
export async function appendAudit(w: Writer, entry: Omit<AuditDoc, '_id'>): Promise<void> {
  await w.collection(COLLECTIONS.auditLog).add({ _id: auditId(entry.at), ...entry });
}
