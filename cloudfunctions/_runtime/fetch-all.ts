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
