import { COLLECTIONS } from '@shared/collections';
import {
  addWorkingDays,
  workingCalendar,
  type WorkingCalendar,
  type YearArrangement,
} from '@shared/rules/working-days.rule';
import type { DatabasePort } from './db';
import type { HolidayCalendarDoc, StoredDeadline } from './documents';
import { fetchAll } from './fetch-all';

/**
 * The working-day calendar in force for every function: the chinese-days dataset with the housing office's
 * entered years on top (shared/rules/working-days.rule.ts). One small document per year, so reading them
 * all is one query.
 */
export async function loadWorkingCalendar(db: DatabasePort): Promise<WorkingCalendar> {
  const years = await fetchAll<HolidayCalendarDoc>(db, COLLECTIONS.holidayCalendars);
  return workingCalendar(years.map(toArrangement));
}

export const toArrangement = (doc: HolidayCalendarDoc): YearArrangement => ({
  year: doc.year,
  holidays: doc.holidays,
  workdays: doc.workdays,
});

/** A working-day deadline counted now, in the stored shape that can be recomputed later. */
export function countDeadline(
  startOn: string,
  workingDays: number,
  calendar: WorkingCalendar,
): StoredDeadline {
  const due = addWorkingDays(startOn, workingDays, calendar);
  return { startOn, workingDays, dueOn: due.date, provisional: due.provisional };
}

/**
 * Every stored working-day deadline, by collection and the path of its `StoredDeadline`. A feature that
 * stores one adds its place here, so that entering a year's holidays recomputes it.
 */
export const WORKING_DAY_DEADLINES = [
  { collection: COLLECTIONS.applications, path: 'reReview.deadline', what: '复核期限' },
  // The four parallel-review tasks of an application's 终审 (application.service.ts), always in this order.
  ...[0, 1, 2, 3].map((i) => ({
    collection: COLLECTIONS.applications,
    path: `departments.${i}.deadline`,
    what: '部门并联核查期限',
  })),
] as const;

export interface RecomputeResult {
  /** Provisional deadlines looked at. */
  checked: number;
  /** Of those, the ones whose date changed. */
  moved: number;
  /** Still provisional afterwards (a year they cross is still not entered). */
  stillProvisional: number;
}

/**
 * Recounts every provisional deadline with the calendar in force and stores the result. Idempotent: a
 * second run finds the same dates (and nothing provisional once every year it crosses is known).
 */
export async function recomputeProvisionalDeadlines(
  db: DatabasePort,
  calendar: WorkingCalendar,
): Promise<RecomputeResult> {
  const result: Record<string, number> = { checked: 0, moved: 0, stillProvisional: 0 };
  for (const item of await provisionalDeadlines(db)) await recountDeadline(db, calendar, item, result);
  return {
    checked: result.checked ?? 0,
    moved: result.moved ?? 0,
    stillProvisional: result.stillProvisional ?? 0,
  };
}

/** One stored provisional deadline: where it is, and a key that orders them (`<place>|<_id>`). */
export interface ProvisionalDeadline {
  key: string;
  collection: string;
  path: string;
  id: string;
  old: StoredDeadline;
}

/** Every stored deadline still marked provisional. */
export async function provisionalDeadlines(db: DatabasePort): Promise<ProvisionalDeadline[]> {
  const out: ProvisionalDeadline[] = [];
  for (const [i, place] of WORKING_DAY_DEADLINES.entries()) {
    const docs = await fetchAll<Record<string, unknown> & { _id: string }>(db, place.collection, {
      [`${place.path}.provisional`]: true,
    });
    for (const doc of docs) {
      const old = place.path
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], doc) as StoredDeadline | undefined;
      if (old)
        out.push({
          key: `${i}|${doc._id}`,
          collection: place.collection,
          path: place.path,
          id: doc._id,
          old,
        });
    }
  }
  return out;
}

/** Recounts one provisional deadline with the calendar in force, stores it if it changed, and counts it. */
export async function recountDeadline(
  db: DatabasePort,
  calendar: WorkingCalendar,
  item: ProvisionalDeadline,
  result: Record<string, number>,
): Promise<void> {
  const { old } = item;
  result.checked = (result.checked ?? 0) + 1;
  const next = countDeadline(old.startOn, old.workingDays, calendar);
  if (next.dueOn !== old.dueOn) result.moved = (result.moved ?? 0) + 1;
  if (next.provisional) result.stillProvisional = (result.stillProvisional ?? 0) + 1;
  if (next.dueOn !== old.dueOn || next.provisional !== old.provisional)
    await db
      .collection(item.collection)
      .doc(item.id)
      .update({ [item.path]: next });
}
