import { z } from 'zod';
import { action, clientIdSchema, healthAction, idSchema } from './common';

/**
 * The `message` function (issue #18): a person's own inbox (every message the system sends them), their
 * consent to WeChat subscription messages, urgent alerts and their acknowledgement, and the office's
 * delivery figures. The sending itself runs as timers of this function and right after each event.
 */

/** The kinds of message, each filled by its events and sent with its own subscription template. */
export const MESSAGE_KINDS = [
  'rent_due',
  'rent_overdue',
  'repair_update',
  'lottery_result',
  'vacancy_offer',
  'patrol_task',
  'hazard_urgent',
  'care_escalation',
  'general',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  rent_due: '租金到期提醒',
  rent_overdue: '租金逾期提醒',
  repair_update: '报修进度',
  lottery_result: '摇号结果与选房时间',
  vacancy_offer: '配租邀约',
  patrol_task: '巡查任务',
  hazard_urgent: '紧急隐患',
  care_escalation: '特殊关爱提醒',
  general: '通知',
};

/**
 * The moments the mini-program asks for subscription (issue #18): after filing a repair, after opening or
 * paying bills, after registering for a round, after a volunteer takes on their routes.
 */
export const SUBSCRIBE_MOMENTS = [
  'repair_filed',
  'bills_opened',
  'round_registered',
  'volunteer_routes',
] as const;
export type SubscribeMoment = (typeof SUBSCRIBE_MOMENTS)[number];

/** Pages a message can link to, with the record's id as the page's `id` parameter. */
export const MESSAGE_LINK_PAGES = [
  'bill',
  'bills',
  'repair',
  'round',
  'rounds',
  'hazards',
  'care-registry',
  'patrol-today',
  'index',
  // 三审三公示: an objection opens the reviewer's application page; its answer the applicant's progress.
  'review',
  'application',
  // 惠州 parallel review: a department's new or overdue task opens its checkers' task list.
  'department-tasks',
] as const;
export type MessageLinkPage = (typeof MESSAGE_LINK_PAGES)[number];

export const messageLinkSchema = z.object({ page: z.enum(MESSAGE_LINK_PAGES), id: z.string().nullable() });
export type MessageLink = z.infer<typeof messageLinkSchema>;

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  urgent: z.boolean(),
  link: messageLinkSchema.nullable(),
  /** How it reached the person besides this page, in plain words (已通过微信通知 / 仅在消息页 / …). */
  deliveryLabel: z.string(),
  /** An urgent alert's id, for acknowledging it; null for other messages. */
  alertId: z.string().nullable(),
  /** True while the urgent alert waits for an acknowledgement. */
  alertOpen: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const alertViewSchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  projectId: z.string(),
  createdAt: z.string(),
  /** Names of the people told so far, in order. */
  notified: z.array(z.string()),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  /** When it goes to the next person if nobody acknowledges it; null once acknowledged or nobody is left. */
  escalatesAt: z.string().nullable(),
  link: messageLinkSchema.nullable(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const deliveryRowSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  label: z.string(),
  sent: z.number().int(),
  failed: z.number().int(),
  waiting: z.number().int(),
  inboxOnly: z.number().int(),
});
export type DeliveryRow = z.infer<typeof deliveryRowSchema>;

export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;

export const messageContract = {
  health: healthAction,
  /** The caller's own messages, newest first (a page of at most 50, older ones with `before`). */
  inbox: action(
    z
      .object({
        /** The `next` cursor of the previous page. */
        before: z.string().max(120).optional(),
        limit: z.number().int().min(1).max(50).default(30),
      })
      .strict(),
    z.object({
      items: z.array(inboxItemSchema),
      unread: z.number().int(),
      more: z.boolean(),
      next: z.string().nullable(),
    }),
  ),
  /** Unread counts for the home page. */
  unreadCount: action(
    z.object({}).strict(),
    z.object({ unread: z.number().int(), urgentUnread: z.number().int() }),
  ),
  /** Marks one of the caller's messages read (opening it). Someone else's message is NOT_FOUND. */
  markRead: action(z.object({ messageId: idSchema }).strict(), inboxItemSchema),
  /** The subscription templates to ask for at a moment (only those the operator has configured). */
  subscribeTemplates: action(
    z.object({ moment: z.enum(SUBSCRIBE_MOMENTS) }).strict(),
    z.object({ templates: z.array(z.object({ kind: z.enum(MESSAGE_KINDS), templateId: z.string() })) }),
  ),
  /**
   * What the person answered in `requestSubscribeMessage` (at most 3 templates a request): each `accept`
   * adds one one-time consent for that kind. Retried with the same `clientRequestId`, it counts once.
   */
  recordConsent: action(
    z
      .object({
        clientRequestId: clientIdSchema,
        results: z
          .array(
            z.object({ templateId: z.string().min(1).max(64), result: z.enum(SUBSCRIBE_RESULTS) }).strict(),
          )
          .min(1)
          .max(3),
      })
      .strict(),
    z.object({ consents: z.array(z.object({ kind: z.enum(MESSAGE_KINDS), remaining: z.number().int() })) }),
  ),
  /** Urgent alerts of the caller's projects (managers) or all (the office), open ones first. */
  alerts: action(
    z.object({ openOnly: z.boolean().default(false) }).strict(),
    z.object({ alerts: z.array(alertViewSchema) }),
  ),
  /** A manager of the project (or a person it reached, or the office) acknowledges an urgent alert. */
  acknowledgeAlert: action(z.object({ alertId: idSchema }).strict(), alertViewSchema),
  /** The office's delivery figures per kind of message. */
  deliveryStats: action(
    z.object({}).strict(),
    z.object({
      rows: z.array(deliveryRowSchema),
      sms: z.object({ sent: z.number().int(), failed: z.number().int() }),
    }),
  ),
};
