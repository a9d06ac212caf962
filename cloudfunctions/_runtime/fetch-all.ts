import type { DatabasePort } from './db';

/** CloudBase answers at most 1000 documents a query; this pages through a query in full. */
export const PAGE_SIZE = 1000;

interface Pageable {
  skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown[] }> } };
}

/**
 * Reads every document a query matches, a page at a time. Callers must give the query a total order
 * (orderBy on a unique field) when the collection can change while paging.
 */
export async function fetchAll<T>(query: Pageable, maxDocs = 50_000): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; skip < maxDocs; skip += PAGE_SIZE) {
    const page = await query.skip(skip).limit(PAGE_SIZE).get();
    out.push(...(page.data as T[]));
    if (page.data.length < PAGE_SIZE) break;
  }
  return out;
}

/** One document by id, or undefined. */
export async function getDoc<T>(db: DatabasePort, collection: string, id: string): Promise<T | undefined> {
  return (await db.collection(collection).doc(id).get()).data[0] as T | undefined;
}

/** Reads documents by id in chunks (an `_id $in` query is answered from the primary key). */
export async function docsByIds<T extends { _id: string }>(
  db: DatabasePort,
  collection: string,
  ids: string[],
): Promise<Map<string, T>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, T>();
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const docs = (
      await db
        .collection(collection)
        .where({ _id: db.command.in(chunk) })
        .limit(1000)
        .get()
    ).data as T[];
    for (const d of docs) out.set(d._id, d);
  }
  return out;
}
