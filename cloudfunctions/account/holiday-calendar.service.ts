import type { HolidayCalendarResult } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { missingArrangementYear, validateYearArrangement, yearSource } from '@shared/rules/working-days.rule';
import type { In, ServiceContext } from '../_runtime/handler';
import { requireRole } from '../_runtime/access';
import type { JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import type { Runtime } from '../_runtime/runtime';
import type { RecomputeResult } from '../_runtime/working-calendar';
import type { AccountRepository } from './account.repository';

/**
 * The housing office keeps each year's statutory holidays and 调休 working days, copied from the State
 * Council's notice, because every "N个工作日" deadline (乌兰察布 第十三条 复核 15 days; 惠州 并联审核 7 days)
 * counts on them and the bundled dataset stops at its last year (shared/rules/working-days.rule.ts).
 */
export async function getHolidayCalendar(
  repo: AccountRepository,
  input: In<'account', 'holidayCalendar'>,
  ctx: ServiceContext,
): Promise<HolidayCalendarResult> {
  requireRole(ctx, 'admin');
  const { rt } = ctx;
  const [calendar, doc, pending] = await Promise.all([
    repo.workingCalendar(),
    repo.holidayCalendar(input.year),
    repo.pendingReReviews(),
  ]);
  const inYear = (d: string) => d.startsWith(`${input.year}-`);
  return {
    year: input.year,
    source: yearSource(input.year, calendar),
    entry: doc
      ? {
          holidays: doc.holidays,
          workdays: doc.workdays,
          noticeRef: doc.noticeRef,
          enteredByName: doc.enteredByName,
          enteredAt: doc.enteredAt,
        }
      : null,
    holidays: [...calendar.holidays].filter(([d]) => inYear(d)).map(([date, name]) => ({ date, name })),
    workdays: [...calendar.workdays].filter(inYear).sort(),
    missingYear: missingArrangementYear(chinaDate(rt.now().getTime()), calendar),
    deadlines: pending
      .flatMap(({ app, headName }) =>
        app.reReview
          ? [
              {
                what: '复核答复期限',
                subject: headName,
                startOn: app.reReview.deadline.startOn,
                dueOn: app.reReview.deadline.dueOn,
                provisional: app.reReview.deadline.provisional,
              },
            ]
          : [],
      )
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  };
}

/**
 * Saves a year's arrangement after the rule's checks (nothing is written when any fails), with who and
 * when, audited; then recounts every provisional deadline with the new calendar.
 */
export async function saveHolidayCalendar(
  repo: AccountRepository,
  input: In<'account', 'saveHolidayCalendar'>,
  ctx: ServiceContext,
): Promise<RecomputeResult & { year: number }> {
  requireRole(ctx, 'admin');
  const { rt, caller } = ctx;
  const now = rt.now();
  const checked = validateYearArrangement(input, chinaDate(now.getTime()));
  if (!checked.ok) throw new AppError('INVALID_INPUT', checked.reasons.map((r) => r.message).join(''));
  const { year, holidays, workdays } = checked.value;
  const before = await repo.holidayCalendar(year);
  await repo.saveHolidayCalendar(
    {
      _id: String(year),
      year,
      holidays,
      workdays,
      noticeRef: input.noticeRef,
      enteredBy: caller.user?._id ?? '',
      enteredByName: caller.user?.name ?? '',
      enteredAt: now.toISOString(),
    },
    {
      entityType: 'holiday_calendar',
      entityId: String(year),
      action: before ? 'update' : 'create',
      actorUserId: caller.user?._id ?? '',
      at: now.toISOString(),
      detail: `${before ? '修改' : '录入'} ${year} 年节假日安排：放假 ${holidays.length} 天，调休上班 ${workdays.length} 天${input.noticeRef ? `（${input.noticeRef}）` : ''}`,
    },
  );
  const recomputed = await recountDeadlines(repo);
  rt.log.log('info', 'holiday calendar saved', { year, ...recomputed });
  return { year, ...recomputed };
}

/** Recounts every provisional deadline on the calendar in force (after a save). */
export async function recountDeadlines(repo: AccountRepository): Promise<RecomputeResult> {
  return repo.recountDeadlines(await repo.workingCalendar());
}

/**
 * The daily recount (timer `daily-deadline-recount`), sliced: the day's run (`job_state`
 * `daily-deadline-recount|<day>`) goes through the provisional deadlines in key order with a cursor; a run
 * that finds the day done does nothing.
 */
export async function recountDeadlinesJob(
  repo: AccountRepository,
  rt: Runtime,
  slice: JobSlice,
): Promise<RecomputeResult> {
  let calendar: Awaited<ReturnType<typeof repo.workingCalendar>> | null = null;
  const { counts } = await sliceThrough({
    states: repo.jobs,
    job: 'daily-deadline-recount',
    runKey: chinaDate(rt.now().getTime()),
    at: rt.now().toISOString(),
    slice,
    countNames: ['checked', 'moved', 'stillProvisional'],
    key: (item) => item.key,
    items: async () => {
      calendar = await repo.workingCalendar();
      return repo.provisionalDeadlines();
    },
    process: (item, n) => repo.recountDeadline(calendar as NonNullable<typeof calendar>, item, n),
  });
  return {
    checked: counts.checked ?? 0,
    moved: counts.moved ?? 0,
    stillProvisional: counts.stillProvisional ?? 0,
  };
}
