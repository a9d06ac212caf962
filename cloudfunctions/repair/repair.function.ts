import { defineFunction } from '../_runtime/handler';
import { createRepairService, remindRepairDeadlines } from './repair.service';

/** `repair`: repair and hardship-help requests, dispatch and follow-up (武昌调研报告 二(一)二). */
export const repairFunction = defineFunction(
  'repair',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'repair', time: rt.now().toISOString() }),
    file: (input, ctx) => createRepairService(ctx).file(input),
    mine: (_input, ctx) => createRepairService(ctx).mine(),
    detail: (input, ctx) => createRepairService(ctx).detail(input),
    board: (input, ctx) => createRepairService(ctx).board(input),
    assign: (input, ctx) => createRepairService(ctx).assign(input),
    accept: (input, ctx) => createRepairService(ctx).accept(input),
    reject: (input, ctx) => createRepairService(ctx).reject(input),
    extendDeadline: (input, ctx) => createRepairService(ctx).extendDeadline(input),
    start: (input, ctx) => createRepairService(ctx).start(input),
    complete: (input, ctx) => createRepairService(ctx).complete(input),
    confirm: (input, ctx) => createRepairService(ctx).confirm(input),
    reopen: (input, ctx) => createRepairService(ctx).reopen(input),
    message: (input, ctx) => createRepairService(ctx).message(input),
    photo: (input, ctx) => createRepairService(ctx).photo(input),
    workers: (input, ctx) => createRepairService(ctx).workers(input),
    stats: (input, ctx) => createRepairService(ctx).stats(input),
    exportStats: (input, ctx) => createRepairService(ctx).exportStats(input),
    remindDeadlines: (_input, ctx) => createRepairService(ctx).remindDeadlines(),
  },
  {
    timers: { 'daily-deadline-reminders': remindRepairDeadlines },
  },
);
