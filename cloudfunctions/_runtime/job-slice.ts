import { JOB_SLICE_BUDGET_MS } from './platform-limits';
import type { Runtime } from './runtime';

/**
 * One slice of a timer job (docs: cloudfunctions/_runtime/db/README.md, "Timer jobs in slices"). A job works
 * in batches and asks `spent()` between them; once the slice's time budget is spent it saves its cursor,
 * calls `leaveForNext()` and returns. The handler then answers `{ ok: true, data, unfinished: true }`, and
 * the next firing of the trigger (or, locally, the scheduler at once) continues from the cursor.
 */
export interface JobSlice {
  /** True once the budget is spent: stop at this batch boundary. */
  spent(): boolean;
  /** The job stopped with work left; the next slice continues from its saved cursor. */
  leaveForNext(): void;
  readonly unfinished: boolean;
}

/**
 * A slice with `budgetMs` of wall-clock time (a monotonic clock, not `rt.now()`, which tests freeze). A
 * budget of 0 stops after every batch: the tests force a job into many slices with it.
 */
export function startSlice(budgetMs: number, clock: () => number = () => performance.now()): JobSlice {
  const started = clock();
  let unfinished = false;
  return {
    spent: () => clock() - started >= budgetMs,
    leaveForNext: () => {
      unfinished = true;
    },
    get unfinished() {
      return unfinished;
    },
  };
}

/** The slice budget in force: the runtime's (the local host's option, for tests), or JOB_SLICE_BUDGET_MS. */
export function sliceFor(rt: Runtime): JobSlice {
  return startSlice(rt.jobSliceBudgetMs ?? JOB_SLICE_BUDGET_MS);
}
