import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from './db';
import { readDoc } from './repository';

/**
 * The progress of one run of a timer job (`job_state`, `_id` = `<job>|<run key>`, e.g.
 * `daily-rent-reminders|2026-12-12`): where the last slice stopped and what the run has done so far. A slice
 * reads it, continues after `cursor`, and writes it back after every batch, so a crash or a time-out loses
 * at most one batch (whose writes are idempotent) and a run that finds itself `done` does nothing.
 */
export interface JobStateDoc {
  _id: string;
  job: string;
  /** Which run: a day, a month, a pass. */
  runKey: string;
  status: 'running' | 'done';
  /** The key of the last item finished ('' before the first). */
  cursor: string;
  /** Running totals, reported when the run is done. */
  counts: Record<string, number>;
  slices: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export const jobStateId = (job: string, runKey: string) => `${job}|${runKey}`;

/** Reads and writes job-state documents (the one place that touches `job_state`). */
export function jobStates(db: DatabasePort) {
  const docs = () => db.collection(COLLECTIONS.jobState);
  return {
    get: (job: string, runKey: string) =>
      readDoc<JobStateDoc>(db, COLLECTIONS.jobState, jobStateId(job, runKey)),
    /** The run's state, created (status running, empty cursor) if it has none; one more slice counted. */
    async open(job: string, runKey: string, at: string): Promise<JobStateDoc> {
      const id = jobStateId(job, runKey);
      const existing = await readDoc<JobStateDoc>(db, COLLECTIONS.jobState, id);
      if (existing) {
        if (existing.status === 'done') return existing;
        await docs()
          .doc(id)
          .update({ slices: existing.slices + 1, updatedAt: at });
        return { ...existing, slices: existing.slices + 1, updatedAt: at };
      }
      const fresh: JobStateDoc = {
        _id: id,
        job,
        runKey,
        status: 'running',
        cursor: '',
        counts: {},
        slices: 1,
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
      };
      const { _id, ...body } = fresh;
      await docs().doc(_id).set(body);
      return fresh;
    },
    async save(state: JobStateDoc): Promise<void> {
      const { _id, ...body } = state;
      await docs().doc(_id).set(body);
    },
  };
}

export type JobStates = ReturnType<typeof jobStates>;

/**
 * Works through `items` (each with a unique, sortable key) in slices: skips what an earlier slice finished
 * (key ≤ cursor), processes the rest in batches, saves the cursor and the running counts after each batch,
 * and stops at the first batch boundary after the slice's budget is spent (`slice.leaveForNext()`). Answers
 * the run's counts so far, or, when the run was already done before this slice, zero counts (the repeat did
 * nothing).
 */
export async function sliceThrough<T>(args: {
  states: JobStates;
  job: string;
  runKey: string;
  at: string;
  slice: { spent(): boolean; leaveForNext(): void };
  /**
   * The whole list (for short lists), read at each slice; or, for long ones, `page`: the next items after a
   * key, in key order (empty at the end), so a slice reads only what it processes.
   */
  items?: () => Promise<T[]>;
  page?: (after: string) => Promise<T[]>;
  key: (item: T) => string;
  process: (item: T, counts: Record<string, number>) => Promise<void>;
  /** The count names, reported as 0 when nothing was done. */
  countNames: readonly string[];
  batchSize?: number;
  /**
   * A job that scans again at every firing (care escalation, payment reconciliation): a finished pass is
   * followed by a new one from the start, rather than left alone.
   */
  again?: boolean;
  /** A person's button (not the timer): one whole pass, no state read or written. */
  stateless?: boolean;
}): Promise<{ counts: Record<string, number>; state: JobStateDoc | null }> {
  const zero = Object.fromEntries(args.countNames.map((n) => [n, 0]));
  if (args.stateless) {
    const counts: Record<string, number> = { ...zero };
    if (args.page) {
      for (let after = '', batch = await args.page(after); batch.length > 0; batch = await args.page(after)) {
        for (const item of batch) await args.process(item, counts);
        after = args.key(batch[batch.length - 1] as T);
      }
    } else for (const item of await (args.items as () => Promise<T[]>)()) await args.process(item, counts);
    return { counts, state: null };
  }
  let state = await args.states.open(args.job, args.runKey, args.at);
  if (state.status === 'done' && args.again) {
    state = {
      ...state,
      status: 'running',
      cursor: '',
      counts: {},
      slices: 1,
      startedAt: args.at,
      finishedAt: null,
    };
    await args.states.save(state);
  }
  if (state.status === 'done') return { counts: zero, state };
  if (args.page) {
    const counts: Record<string, number> = { ...zero, ...state.counts };
    for (;;) {
      const batch = await args.page(state.cursor);
      if (batch.length === 0) break;
      for (const item of batch) await args.process(item, counts);
      state = { ...state, cursor: args.key(batch[batch.length - 1] as T), counts: { ...counts } };
      await args.states.save(state);
      if (args.slice.spent()) {
        args.slice.leaveForNext();
        return { counts, state };
      }
    }
    state = { ...state, status: 'done', counts: { ...counts }, finishedAt: args.at };
    await args.states.save(state);
    return { counts, state };
  }
  const batchSize = args.batchSize ?? 100;
  const todo = (await (args.items as () => Promise<T[]>)())
    .map((item) => ({ item, key: args.key(item) }))
    .filter((x) => x.key > state.cursor)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const counts: Record<string, number> = { ...zero, ...state.counts };
  for (let i = 0; i < todo.length; i += batchSize) {
    const batch = todo.slice(i, i + batchSize);
    for (const x of batch) await args.process(x.item, counts);
    state = { ...state, cursor: (batch[batch.length - 1] as { key: string }).key, counts: { ...counts } };
    if (i + batchSize < todo.length) {
      await args.states.save(state);
      if (args.slice.spent()) {
        args.slice.leaveForNext();
        return { counts, state };
      }
    }
  }
  state = { ...state, status: 'done', counts: { ...counts }, finishedAt: args.at };
  await args.states.save(state);
  return { counts, state };
}
