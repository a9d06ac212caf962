import type { DatabasePort, SortDirection } from './db';
import { FETCH_ALL_MAX_DOCS, IN_LIST_LIMIT, QUERY_LIMIT } from './platform-limits';

/** CloudBase answers at most 1000 documents a query (QUERY_LIMIT); this pages through a query in full. */
export const PAGE_SIZE = QUERY_LIMIT;

export interface FetchAllOptions {
  /**
   * The order of the answer (a field, then `_id` to break ties). The pages themselves are always read in
   * `_id` order; the list is sorted once it is whole.
   */
  orderBy?: [string, SortDirection];
  /** A projection (`_id` is always kept: the pages are keyed on it). */
  field?: Record<string, boolean>;
  /** Fail loudly above this many documents rather than answer a list cut short (FETCH_ALL_MAX_DOCS). */
  maxDocs?: number;
}

/** A list too long to read whole: the read fails instead of answering part of it. */
export class ListTooLongError extends Error {
  constructor(collection: string, maxDocs: number) {
    super(`读取 ${collection} 超过 ${maxDocs} 条上限，已停止（不返回不完整的列表）。`);
    this.name = 'ListTooLongError';
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.'))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * Reads every document of `collection` that `where` matches. Keyset paging on `_id` (never skip): each page
 * asks for the documents after the last `_id` read, in `_id` order, so documents inserted or removed while
 * paging never shift a page — no existing document is read twice or skipped. The reads go on to the end;
 * above `maxDocs` documents the read throws (ListTooLongError) instead of answering part of the list.
 */
export async function fetchAll<T>(
  db: DatabasePort,
  collection: string,
  where: object = {},
  options: FetchAllOptions = {},
): Promise<T[]> {
  if ('_id' in where) throw new Error('fetchAll pages on _id; read documents by id with docsByIds');
  const maxDocs = options.maxDocs ?? FETCH_ALL_MAX_DOCS;
  const _ = db.command;
  const out: T[] = [];
  let last: string | null = null;
  for (;;) {
    let query = db
      .collection(collection)
      .where(last === null ? where : { ...where, _id: _.gt(last) })
      .orderBy('_id', 'asc')
      .limit(PAGE_SIZE);
    if (options.field) query = query.field({ ...options.field, _id: true });
    const page = (await query.get()).data as T[];
    if (out.length + page.length > maxDocs) throw new ListTooLongError(collection, maxDocs);
    out.push(...page);
    if (page.length < PAGE_SIZE) break;
    last = String((page[page.length - 1] as { _id: unknown })._id);
  }
  const order = options.orderBy;
  if (order) {
    const [field, direction] = order;
    const sign = direction === 'desc' ? -1 : 1;
    // Stable: ties keep `_id` order.
    out.sort((a, b) => sign * compareValues(valueAt(a, field), valueAt(b, field)));
  }
  return out;
}

/** A list in chunks no longer than CloudBase's `in` list (IN_LIST_LIMIT). */
export function inChunks<V>(values: readonly V[], size = IN_LIST_LIMIT): V[][] {
  const unique = [...new Set(values)];
  const out: V[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

/**
 * Every document whose `field` is one of `values` (and that also matches `where`): the values are chunked to
 * the `in` list limit and each chunk is read in full (fetchAll), so neither limit cuts the answer short.
 * With `orderBy`, the chunks' answers are merged and sorted as one list.
 */
export async function fetchAllIn<T>(
  db: DatabasePort,
  collection: string,
  field: string,
  values: readonly (string | number)[],
  where: object = {},
  options: FetchAllOptions = {},
): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of inChunks(values)) {
    out.push(
      ...(await fetchAll<T>(
        db,
        collection,
        { ...where, [field]: db.command.in(chunk) },
        { ...options, orderBy: undefined },
      )),
    );
  }
  const order = options.orderBy;
  if (order) {
    const [f, direction] = order;
    const sign = direction === 'desc' ? -1 : 1;
    out.sort(
      (a, b) =>
        sign * compareValues(valueAt(a, f), valueAt(b, f)) ||
        compareValues((a as { _id: unknown })._id, (b as { _id: unknown })._id),
    );
  }
  return out;
}

/** One document by id, or undefined. */
export async function getDoc<T>(db: DatabasePort, collection: string, id: string): Promise<T | undefined> {
  return (await db.collection(collection).doc(id).get()).data[0] as T | undefined;
}

/** Reads documents by id in chunks of the `in` list limit (an `_id $in` query is answered from the primary key). */
export async function docsByIds<T extends { _id: string }>(
  db: DatabasePort,
  collection: string,
  ids: string[],
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const chunk of inChunks(ids)) {
    // A chunk of IN_LIST_LIMIT (≤ QUERY_LIMIT) distinct ids matches at most that many documents: one page.
    const docs = (
      await db
        .collection(collection)
        .where({ _id: db.command.in(chunk) })
        .limit(QUERY_LIMIT)
        .get()
    ).data as T[];
    for (const d of docs) out.set(d._id, d);
  }
  return out;
}
