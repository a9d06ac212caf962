import { defineFunction } from '../_runtime/handler';
import { loadWorkingCalendar, recomputeProvisionalDeadlines } from '../_runtime/working-calendar';
import { createAccountRepository } from './account.repository';
import { getMe, getMyApplication, requestReReview } from './account.service';
import { getHolidayCalendar, saveHolidayCalendar } from './holiday-calendar.service';

/** `account`: health, the caller's own home page data and application, and the office's holiday calendar. */
export const accountFunction = defineFunction(
  'account',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'account', time: rt.now().toISOString() }),
    me: async (_input, ctx) => getMe(createAccountRepository(ctx.rt.db), ctx),
    myApplication: async (_input, ctx) => getMyApplication(createAccountRepository(ctx.rt.db), ctx),
    requestReReview: async (input, ctx) => requestReReview(createAccountRepository(ctx.rt.db), input, ctx),
    holidayCalendar: async (input, ctx) => getHolidayCalendar(createAccountRepository(ctx.rt.db), input, ctx),
    saveHolidayCalendar: async (input, ctx) =>
      saveHolidayCalendar(createAccountRepository(ctx.rt.db), input, ctx),
  },
  {
    // Provisional working-day deadlines are recounted on saving a year; this also catches a year that a
    // chinese-days upgrade brought in, and a save whose recount was cut off.
    timers: {
      'daily-deadline-recount': async (rt) =>
        recomputeProvisionalDeadlines(rt.db, await loadWorkingCalendar(rt.db)),
    },
  },
);
