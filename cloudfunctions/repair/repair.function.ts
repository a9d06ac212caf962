import { defineFunction } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { createRepairRepository } from './repair.repository';
import {
  acceptRepair,
  assignRepair,
  completeRepair,
  confirmRepair,
  exportRepairStats,
  extendDeadline,
  fileRepair,
  myRepairs,
  postMessage,
  rejectRepair,
  remindDeadlines,
  remindRepairDeadlines,
  reopenRepair,
  repairBoard,
  repairDetail,
  repairPhoto,
  repairStats,
  repairWorkers,
  startRepair,
} from './repair.service';

const repo = (rt: Runtime) => createRepairRepository(rt.db);

/** `repair`: repair and hardship-help requests, dispatch and follow-up (武昌调研报告 二(一)二). */
export const repairFunction = defineFunction(
  'repair',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'repair', time: rt.now().toISOString() }),
    file: (input, ctx) => fileRepair(repo(ctx.rt), input, ctx),
    mine: (_input, ctx) => myRepairs(repo(ctx.rt), ctx),
    detail: (input, ctx) => repairDetail(repo(ctx.rt), input, ctx),
    board: (input, ctx) => repairBoard(repo(ctx.rt), input, ctx),
    assign: (input, ctx) => assignRepair(repo(ctx.rt), input, ctx),
    accept: (input, ctx) => acceptRepair(repo(ctx.rt), input, ctx),
    reject: (input, ctx) => rejectRepair(repo(ctx.rt), input, ctx),
    extendDeadline: (input, ctx) => extendDeadline(repo(ctx.rt), input, ctx),
    start: (input, ctx) => startRepair(repo(ctx.rt), input, ctx),
    complete: (input, ctx) => completeRepair(repo(ctx.rt), input, ctx),
    confirm: (input, ctx) => confirmRepair(repo(ctx.rt), input, ctx),
    reopen: (input, ctx) => reopenRepair(repo(ctx.rt), input, ctx),
    message: (input, ctx) => postMessage(repo(ctx.rt), input, ctx),
    photo: (input, ctx) => repairPhoto(repo(ctx.rt), input, ctx),
    workers: (input, ctx) => repairWorkers(repo(ctx.rt), input, ctx),
    stats: (input, ctx) => repairStats(repo(ctx.rt), input, ctx),
    exportStats: (input, ctx) => exportRepairStats(repo(ctx.rt), input, ctx),
    remindDeadlines: (_input, ctx) => remindDeadlines(repo(ctx.rt), ctx),
  },
  {
    timers: { 'daily-deadline-reminders': (rt, slice) => remindRepairDeadlines(repo(rt), rt, slice) },
  },
);
