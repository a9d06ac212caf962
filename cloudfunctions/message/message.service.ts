import {
  MESSAGE_KIND_LABELS,
  MESSAGE_KINDS,
  type AlertView,
  type DeliveryRow,
  type InboxItem,
  type MessageKind,
} from '@shared/contracts';
import { SUBSCRIBE_MOMENT_KINDS } from '../../config/messages';
import {
  canManage,
  found,
  isAdmin,
  notFound,
  projectScope,
  requireRole,
  requireUser,
} from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AlertDoc, ConsentDoc, MessageDoc } from '../_runtime/message.documents';
import { consentId } from '../_runtime/message.documents';
import type { MessageRepository } from './message.repository';

/**
 * The inbox, consents, urgent alerts and delivery figures (issue #18). A person's messages are theirs
 * alone: every read and write is keyed by the caller's own user id, and someone else's message is
 * NOT_FOUND (docs/conventions.md §5).
 */

const DELIVERY_LABELS: Record<MessageDoc['status'], string> = {
  pending: '发送中',
  sending: '发送中',
  retry: '发送中（稍后重试）',
  sent: '已通过微信通知',
  inbox_only: '仅在消息页提醒',
  dead: '未能通过微信或短信送达，仅在消息页提醒',
};

function itemOf(m: MessageDoc, alerts: Map<string, AlertDoc>): InboxItem {
  const alert = m.alertId ? alerts.get(m.alertId) : undefined;
  return {
    id: m._id,
    kind: m.template,
    kindLabel: MESSAGE_KIND_LABELS[m.template] ?? '通知',
    title: m.title,
    body: m.body,
    createdAt: m.createdAt,
    read: m.read === true,
    urgent: m.urgent === true,
    link: m.link ?? null,
    deliveryLabel:
      m.status === 'sent' && m.channel === 'sms' ? '已发送短信' : (DELIVERY_LABELS[m.status] ?? '发送中'),
    alertId: m.alertId ?? null,
    alertOpen: alert?.status === 'open',
  };
}

async function alertsFor(repo: MessageRepository, list: MessageDoc[]) {
  const ids = [...new Set(list.map((m) => m.alertId).filter((id): id is string => !!id))];
  return repo.alertsByIds(ids);
}

export async function inbox(repo: MessageRepository, input: In<'message', 'inbox'>, ctx: ServiceContext) {
  const user = requireUser(ctx);
  const [createdAt, id] = (input.before ?? '').split('|');
  const cursor = createdAt && id ? { createdAt, id } : null;
  const list = await repo.inboxOf(user._id, cursor, input.limit);
  const page = list.slice(0, input.limit);
  const alerts = await alertsFor(repo, page);
  const { unread } = await repo.unreadOf(user._id);
  const last = page[page.length - 1];
  return {
    items: page.map((m) => itemOf(m, alerts)),
    unread,
    more: list.length > input.limit,
    next: list.length > input.limit && last ? `${last.createdAt}|${last._id}` : null,
  };
}

export async function unreadCount(repo: MessageRepository, ctx: ServiceContext) {
  const user = requireUser(ctx);
  return repo.unreadOf(user._id);
}

export async function markRead(
  repo: MessageRepository,
  input: In<'message', 'markRead'>,
  ctx: ServiceContext,
) {
  const user = requireUser(ctx);
  const m = found(await repo.message(input.messageId), (doc) => doc.toUserId === user._id);
  if (m.read !== true) await repo.updateMessage(m._id, { read: true, readAt: ctx.rt.now().toISOString() });
  const fresh = (await repo.message(m._id)) as MessageDoc;
  return itemOf(fresh, await alertsFor(repo, [fresh]));
}

export async function subscribeTemplates(input: In<'message', 'subscribeTemplates'>, ctx: ServiceContext) {
  requireUser(ctx);
  const ids = ctx.rt.notify.templateIds;
  return {
    templates: SUBSCRIBE_MOMENT_KINDS[input.moment]
      .filter((kind) => !!ids[kind])
      .map((kind) => ({ kind, templateId: ids[kind] as string })),
  };
}

/** Request ids kept per consent document, so a retried request counts once. */
const KEPT_REQUESTS = 20;

export async function recordConsent(
  repo: MessageRepository,
  input: In<'message', 'recordConsent'>,
  ctx: ServiceContext,
) {
  const user = requireUser(ctx);
  const byTemplate = new Map(
    Object.entries(ctx.rt.notify.templateIds).map(([kind, id]) => [id as string, kind as MessageKind]),
  );
  const accepted = [
    ...new Set(
      input.results
        .filter((r) => r.result === 'accept')
        .map((r) => byTemplate.get(r.templateId))
        .filter((k): k is MessageKind => !!k),
    ),
  ];
  const nowIso = ctx.rt.now().toISOString();
  const consents = await repo.runInTransaction(async (t) => {
    const out: { kind: MessageKind; remaining: number }[] = [];
    for (const kind of accepted) {
      const id = consentId(user._id, kind);
      const cur = await t.consent(id);
      if (cur?.requests.includes(input.clientRequestId)) {
        out.push({ kind, remaining: cur.remaining });
        continue;
      }
      const next: Omit<ConsentDoc, '_id'> = {
        userId: user._id,
        kind,
        remaining: (cur?.remaining ?? 0) + 1,
        requests: [...(cur?.requests ?? []), input.clientRequestId].slice(-KEPT_REQUESTS),
        updatedAt: nowIso,
      };
      await t.setConsent(id, next);
      out.push({ kind, remaining: next.remaining });
    }
    return out;
  });
  return { consents };
}

// ---------------------------------------------------------------------------------------------------------
// Urgent alerts

function mayHandle(ctx: ServiceContext, alert: AlertDoc): boolean {
  const user = ctx.caller.user;
  if (!user) return false;
  if (isAdmin(ctx) || canManage(ctx, alert.projectId)) return true;
  return alert.notified.some((n) => n.userId === user._id);
}

async function alertView(
  repo: MessageRepository,
  alert: AlertDoc,
  names?: Map<string, string>,
): Promise<AlertView> {
  const known =
    names ??
    (await repo.userNames(
      [...alert.notified.map((n) => n.userId), alert.acknowledgedBy ?? ''].filter(Boolean),
    ));
  return {
    id: alert._id,
    kind: alert.kind,
    title: alert.title,
    body: alert.body,
    projectId: alert.projectId,
    createdAt: alert.createdAt,
    notified: alert.notified.map((n) => known.get(n.userId) ?? '（已删除的用户）'),
    acknowledgedAt: alert.acknowledgedAt,
    acknowledgedByName: alert.acknowledgedBy ? (known.get(alert.acknowledgedBy) ?? '') : null,
    escalatesAt: alert.status === 'open' ? alert.escalatesAt : null,
    link: alert.link,
  };
}

export async function alerts(repo: MessageRepository, input: In<'message', 'alerts'>, ctx: ServiceContext) {
  const user = requireUser(ctx);
  const scope = projectScope(ctx);
  const byId = new Map<string, AlertDoc>();
  if (scope === null || scope.length > 0)
    for (const a of await repo.alertsOf(scope, input.openOnly)) byId.set(a._id, a);
  for (const a of (await repo.alertsByIds(await repo.alertIdsNotifying(user._id))).values())
    if (!input.openOnly || a.status === 'open') byId.set(a._id, a);
  const list = [...byId.values()].sort(
    (a, b) =>
      Number(b.status === 'open') - Number(a.status === 'open') || (a.createdAt < b.createdAt ? 1 : -1),
  );
  const names = await repo.userNames(
    list.flatMap((a) => [...a.notified.map((n) => n.userId), a.acknowledgedBy ?? '']).filter(Boolean),
  );
  return { alerts: await Promise.all(list.map((a) => alertView(repo, a, names))) };
}

export async function acknowledgeAlert(
  repo: MessageRepository,
  input: In<'message', 'acknowledgeAlert'>,
  ctx: ServiceContext,
) {
  const user = requireUser(ctx);
  const alert = found(await repo.alert(input.alertId), (a) => mayHandle(ctx, a));
  const nowIso = ctx.rt.now().toISOString();
  const done = await repo.runInTransaction(async (t) => {
    const cur = await t.alert(alert._id);
    if (!cur) notFound();
    if (cur.acknowledgedAt) return cur; // already acknowledged (by this person or another): nothing changes
    const patch = {
      status: 'acknowledged' as const,
      acknowledgedAt: nowIso,
      acknowledgedBy: user._id,
      escalatesAt: null,
    };
    await t.updateAlert(cur._id, patch);
    return { ...cur, ...patch };
  });
  return alertView(repo, done);
}

// ---------------------------------------------------------------------------------------------------------
// Delivery figures

export async function deliveryStats(repo: MessageRepository, ctx: ServiceContext) {
  requireRole(ctx, 'admin');
  const rows: DeliveryRow[] = [];
  for (const kind of MESSAGE_KINDS) {
    rows.push({
      kind,
      label: MESSAGE_KIND_LABELS[kind],
      sent: await repo.countByKind(kind, ['sent']),
      failed: await repo.countByKind(kind, ['dead']),
      waiting: await repo.countByKind(kind, ['pending', 'retry', 'sending']),
      inboxOnly: await repo.countByKind(kind, ['inbox_only']),
    });
  }
  return { rows, sms: { sent: await repo.smsAttempts('sent'), failed: await repo.smsAttempts('dead') } };
}
