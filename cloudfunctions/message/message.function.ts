import { defineFunction } from '../_runtime/handler';
import { drainOutbox, escalateAlerts } from '../_runtime/message-delivery';
import type { Runtime } from '../_runtime/runtime';
import { createMessageRepository } from './message.repository';
import {
  acknowledgeAlert,
  alerts,
  deliveryStats,
  inbox,
  markRead,
  recordConsent,
  subscribeTemplates,
  unreadCount,
} from './message.service';

const repo = (rt: Runtime) => createMessageRepository(rt.db);
/**
 * The sender's timers use the call's channels as they are: the handler has already laid the message
 * settings in force (运营方设定: alert acknowledgement wait, tries, first retry wait; district settings page)
 * over the channels' own technical sizes (handler.ts `withPolicy`, the one place they are applied).
 */
const deps = (rt: Runtime) => ({
  db: rt.db,
  channels: rt.notify,
  now: () => rt.now(),
  log: rt.log,
});

/**
 * `message`: the person's inbox and subscription consents, urgent alerts and their acknowledgement, the
 * office's delivery figures; and the sender's timers (each run a bounded batch; the rest wait for the next).
 */
export const messageFunction = defineFunction(
  'message',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'message', time: rt.now().toISOString() }),
    inbox: async (input, ctx) => inbox(repo(ctx.rt), input, ctx),
    unreadCount: async (_input, ctx) => unreadCount(repo(ctx.rt), ctx),
    markRead: async (input, ctx) => markRead(repo(ctx.rt), input, ctx),
    subscribeTemplates: async (input, ctx) => subscribeTemplates(input, ctx),
    recordConsent: async (input, ctx) => recordConsent(repo(ctx.rt), input, ctx),
    alerts: async (input, ctx) => alerts(repo(ctx.rt), input, ctx),
    acknowledgeAlert: async (input, ctx) => acknowledgeAlert(repo(ctx.rt), input, ctx),
    deliveryStats: async (_input, ctx) => deliveryStats(repo(ctx.rt), ctx),
  },
  {
    timers: {
      'message-sender': (rt) => drainOutbox(deps(rt)),
      'alert-escalation': (rt) => escalateAlerts(deps(rt)),
    },
  },
);
