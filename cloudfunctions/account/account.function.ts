import { uploadPrefix } from '@shared/uploads';
import { defineFunction } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { createAccountRepository } from './account.repository';
import { getMe, getMyApplication, requestReReview } from './account.service';
import { getHolidayCalendar, recountDeadlinesJob, saveHolidayCalendar } from './holiday-calendar.service';

const repo = (rt: Runtime) => createAccountRepository(rt.db);

/** `account`: health, the caller's own home page data and application, and the office's holiday calendar. */
export const accountFunction = defineFunction(
  'account',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'account', time: rt.now().toISOString() }),
    me: async (_input, ctx) => getMe(repo(ctx.rt), ctx),
    myApplication: async (_input, ctx) => getMyApplication(repo(ctx.rt), ctx),
    // Anyone signed in, for themselves only: the prefix is made from the platform's OPENID.
    uploadPrefix: async (_input, ctx) => ({ prefix: uploadPrefix(ctx.caller.openid) }),
    requestReReview: async (input, ctx) => requestReReview(repo(ctx.rt), input, ctx),
    holidayCalendar: async (input, ctx) => getHolidayCalendar(repo(ctx.rt), input, ctx),
    saveHolidayCalendar: async (input, ctx) => saveHolidayCalendar(repo(ctx.rt), input, ctx),
  },
  {
    // Provisional working-day deadlines are recounted on saving a year; this also catches a year that a
    // chinese-days upgrade brought in, and a save whose recount was cut off.
    timers: { 'daily-deadline-recount': (rt, slice) => recountDeadlinesJob(repo(rt), rt, slice) },
  },
);
