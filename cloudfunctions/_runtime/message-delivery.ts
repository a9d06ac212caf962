import { createHash, randomUUID } from 'node:crypto';
import { COLLECTIONS } from '@shared/collections';
import {
  alertRecipients,
  keywordValue,
  nextAttemptAt,
  smsVerdict,
  wechatVerdict,
  type SendVerdict,
} from '@shared/rules/messages.rule';
import { MESSAGE_TEMPLATES } from '../../config/messages';
import type { DatabasePort, TransactionPort } from './db';
import type { Logger } from './logger';
import type { AlertDoc, AttemptDoc, ConsentDoc, MessageDoc } from './message.documents';
import { consentId } from './message.documents';
import type { OutgoingMessage, UrgentAlert } from './message.port';
import type { NotifyChannels, SubscribeSendRequest } from './notify.port';
import { phoneOfUser } from './person-phone';
import { readDoc } from './repository';

/**
 * The sender (issue #18): delivers outbox messages as WeChat subscription messages (one per consent) or,
 * for urgent alerts to staff, as SMS; retries temporary failures with backoff; dead-letters permanent ones
 * with the reason; writes one `message_attempts` record per try.
 *
 * Never twice: a message is claimed in a transaction (status `sending`, a lease with this try's id, the
 * consent used, the attempt recorded `in_flight`) before the platform is called, and the answer is recorded
 * in a second transaction that checks the lease is still this try's. A sender that dies between the call
 * and the record leaves the message `sending`; when its lease runs out the next run cannot know whether the
 * platform sent it, so it marks it `dead` ("结果未知") instead of sending again. The person still has it in
 * the inbox. Neither WeChat nor Tencent SMS takes an idempotency key, so at-most-once is the safe choice.
 */

export interface DeliveryDeps {
  db: DatabasePort;
  channels: NotifyChannels;
  now: () => Date;
  log: Logger;
  /** Tests only: runs between the platform call and the record (a crash there is thrown from here). */
  afterPlatformCall?: (messageId: string) => void;
}

export interface DeliveryResult {
  messageId: string;
  outcome: 'sent' | 'retry' | 'dead' | 'inbox_only' | 'skipped';
  reason?: string;
}

const outbox = (w: TransactionPort) => w.collection(COLLECTIONS.outbox);
const iso = (ms: number) => new Date(ms).toISOString();
export const messageIdOf = (dedupeKey: string) =>
  'msg-' + createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);

/** A new outbox document for a message (status pending, unread). */
export function newMessageDoc(
  message: OutgoingMessage,
  nowIso: string,
  extra: { urgent?: boolean; alertId?: string | null } = {},
): Omit<MessageDoc, '_id'> {
  return {
    toUserId: message.toUserId,
    template: message.template,
    title: message.title,
    body: message.body,
    dedupeKey: message.dedupeKey,
    fields: message.fields ?? {},
    link: message.link ?? null,
    channel: extra.urgent ? 'sms' : 'subscribe',
    urgent: extra.urgent ?? false,
    alertId: extra.alertId ?? null,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: nowIso,
    lease: null,
    reason: null,
    sentAt: null,
    read: false,
    readAt: null,
    createdAt: nowIso,
  };
}

/** The subscription message data for a message: each keyword of its kind's template from its field. */
export function subscribeData(msg: Pick<MessageDoc, 'template' | 'title' | 'body' | 'fields'>) {
  const template = MESSAGE_TEMPLATES[msg.template];
  const values: Record<string, string> = { title: msg.title, body: msg.body, ...(msg.fields ?? {}) };
  return Object.fromEntries(
    template.keywords.map((k) => [k.key, { value: keywordValue(k.key, values[k.field] ?? '') }]),
  );
}

/** The page a message opens (`pages/bill/index?id=…`), or the home page. */
export function pageOf(msg: Pick<MessageDoc, 'link'>): string {
  const link = msg.link;
  if (!link) return 'pages/inbox/index';
  return `pages/${link.page}/index${link.id ? `?id=${encodeURIComponent(link.id)}` : ''}`;
}

/** SMS template parameters of an urgent message (each at most 20 characters, the console's default). */
function smsParams(msg: MessageDoc): string[] {
  const sms = MESSAGE_TEMPLATES[msg.template].sms;
  const values: Record<string, string> = { title: msg.title, body: msg.body, ...(msg.fields ?? {}) };
  return (sms?.params ?? ['title']).map((p) => keywordValue('thing', values[p] ?? ''));
}

async function openidOf(db: DatabasePort, userId: string): Promise<string | null> {
  const user = await readDoc<{ openid?: string }>(db, COLLECTIONS.users, userId);
  return user?.openid ?? null;
}

/** Marks a message delivered through the inbox only, with the reason (no platform call). */
async function inboxOnly(deps: DeliveryDeps, id: string, reason: string): Promise<DeliveryResult> {
  await deps.db.runTransaction(async (tx) => {
    const m = await readDoc<MessageDoc>(tx, COLLECTIONS.outbox, id);
    if (!m || (m.status !== 'pending' && m.status !== 'retry')) return;
    await outbox(tx).doc(id).update({ status: 'inbox_only', reason, lease: null });
  });
  return { messageId: id, outcome: 'inbox_only', reason };
}

/**
 * Tries one message now, if it is due. Safe to call from any number of runs at once: only the run that
 * claims it calls the platform.
 */
export async function deliverOne(deps: DeliveryDeps, id: string): Promise<DeliveryResult> {
  const { db, channels } = deps;
  const nowMs = deps.now().getTime();
  const msg = await readDoc<MessageDoc>(db, COLLECTIONS.outbox, id);
  if (!msg) return { messageId: id, outcome: 'skipped' };
  const due = (m: MessageDoc) =>
    (m.status === 'pending' || m.status === 'retry') && Date.parse(m.nextAttemptAt ?? m.createdAt) <= nowMs;
  if (!due(msg)) return { messageId: id, outcome: 'skipped' };
  const channel = msg.channel ?? 'subscribe';

  // Where it goes, decided before anything is claimed: no template, no phone → the inbox only.
  let request:
    { kind: 'subscribe'; body: SubscribeSendRequest } | { kind: 'sms'; phone: string; templateId: string };
  if (channel === 'sms') {
    const templateId = channels.smsSettings?.templateIds[msg.template];
    if (!channels.sms || !channels.smsSettings || !templateId)
      return inboxOnly(deps, id, '短信未配置，仅在消息页提醒');
    const phone = await phoneOfUser(db, msg.toUserId);
    if (!phone) return inboxOnly(deps, id, '未登记手机号，仅在消息页提醒');
    request = { kind: 'sms', phone, templateId };
  } else {
    const templateId = channels.templateIds[msg.template];
    if (!templateId) return inboxOnly(deps, id, '未配置订阅消息模板，仅在消息页提醒');
    const openid = await openidOf(db, msg.toUserId);
    if (!openid) return inboxOnly(deps, id, '找不到接收人的微信身份，仅在消息页提醒');
    request = {
      kind: 'subscribe',
      body: {
        touser: openid,
        template_id: templateId,
        page: pageOf(msg),
        data: subscribeData(msg),
        miniprogram_state: channels.miniprogramState,
        lang: 'zh_CN',
      },
    };
  }

  // Claim: lease, consent used, attempt recorded, all in one transaction (rerun-safe: it reads again).
  const attemptId = randomUUID();
  const claimed = await db.runTransaction(async (tx) => {
    const m = await readDoc<MessageDoc>(tx, COLLECTIONS.outbox, id);
    if (!m || !due(m)) return { ok: false as const, reason: null };
    if (channel === 'subscribe') {
      const cid = consentId(m.toUserId, m.template);
      const consent = await readDoc<ConsentDoc>(tx, COLLECTIONS.messageConsents, cid);
      if (!consent || consent.remaining < 1) {
        await outbox(tx)
          .doc(id)
          .update({ status: 'inbox_only', reason: '没有可用的订阅次数，仅在消息页提醒', lease: null });
        return { ok: false as const, reason: 'no-consent' };
      }
      await tx
        .collection(COLLECTIONS.messageConsents)
        .doc(cid)
        .update({ remaining: consent.remaining - 1, updatedAt: iso(nowMs) });
    }
    const attempt = (m.attempts ?? 0) + 1;
    await outbox(tx)
      .doc(id)
      .update({
        status: 'sending',
        attempts: attempt,
        lease: { attemptId, until: iso(nowMs + channels.settings.leaseSeconds * 1000) },
      });
    const record: Omit<AttemptDoc, '_id'> = {
      messageId: id,
      attempt,
      attemptId,
      channel,
      kind: m.template,
      startedAt: iso(nowMs),
      finishedAt: null,
      outcome: 'in_flight',
      code: null,
      reason: null,
    };
    await tx.collection(COLLECTIONS.messageAttempts).doc(`${id}-${attempt}`).set(record);
    return { ok: true as const, attempt };
  });
  if (!claimed.ok)
    return claimed.reason === 'no-consent'
      ? { messageId: id, outcome: 'inbox_only', reason: '没有可用的订阅次数' }
      : { messageId: id, outcome: 'skipped' };

  // The platform call.
  let verdict: SendVerdict;
  let code: string | null = null;
  try {
    if (request.kind === 'subscribe') {
      const answer = await channels.wechat.send(request.body);
      code = String(answer.errcode);
      verdict = wechatVerdict(answer.errcode, answer.errmsg ?? '');
    } else {
      const settings = channels.smsSettings!;
      const answer = await channels.sms!.sendSms({
        PhoneNumberSet: [request.phone],
        SmsSdkAppId: settings.smsSdkAppId,
        SignName: settings.signName,
        TemplateId: request.templateId,
        TemplateParamSet: smsParams(msg),
        SessionContext: id,
      });
      const status = answer.SendStatusSet[0];
      code = status?.Code ?? 'NoStatus';
      verdict = status
        ? smsVerdict(status.Code, status.Message)
        : { outcome: 'dead', reason: '短信接口未返回发送状态' };
    }
  } catch (err) {
    // No answer. Only a connection that never opened proves nothing was sent; anything else (a timeout,
    // a reset) may have been sent, so it is not tried again.
    const errCode = (err as { code?: unknown }).code;
    code = typeof errCode === 'string' ? errCode : 'NoAnswer';
    verdict = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)
      ? { outcome: 'retry', reason: '网络不通，稍后重试' }
      : { outcome: 'dead', reason: '发送结果未知（平台未应答）；为避免重复发送不再重发' };
  }
  deps.afterPlatformCall?.(id);

  // The record: only if the lease is still this try's.
  const finishedMs = deps.now().getTime();
  const result = await db.runTransaction(async (tx) => {
    const m = await readDoc<MessageDoc>(tx, COLLECTIONS.outbox, id);
    if (!m || m.status !== 'sending' || m.lease?.attemptId !== attemptId) return null;
    let outcome: DeliveryResult['outcome'] = verdict.outcome;
    let reason: string | null = verdict.outcome === 'sent' ? null : verdict.reason;
    const patch: Partial<MessageDoc> = { lease: null, reason };
    if (verdict.outcome === 'sent') {
      Object.assign(patch, { status: 'sent', sentAt: iso(finishedMs) });
    } else if (verdict.outcome === 'retry') {
      const next = nextAttemptAt(claimed.attempt, finishedMs, channels.settings);
      if (next === null) {
        outcome = 'dead';
        reason = `多次重试仍未送达（${verdict.reason}）`;
        Object.assign(patch, { status: 'dead', reason });
      } else Object.assign(patch, { status: 'retry', nextAttemptAt: iso(next) });
    } else {
      Object.assign(patch, { status: 'dead' });
    }
    if (channel === 'subscribe' && verdict.outcome !== 'sent') {
      const cid = consentId(m.toUserId, m.template);
      const consent = await readDoc<ConsentDoc>(tx, COLLECTIONS.messageConsents, cid);
      if (consent) {
        // WeChat did not send: a temporary failure leaves the consent unused; a refusal (43101) means the
        // person has none left.
        const refused = verdict.outcome === 'dead' && verdict.refused;
        const remaining = refused
          ? 0
          : verdict.outcome === 'retry'
            ? consent.remaining + 1
            : consent.remaining;
        await tx.collection(COLLECTIONS.messageConsents).doc(cid).update({ remaining });
      }
    }
    await outbox(tx).doc(id).update(patch);
    await tx
      .collection(COLLECTIONS.messageAttempts)
      .doc(`${id}-${claimed.attempt}`)
      .update({
        outcome: verdict.outcome,
        code,
        reason: verdict.outcome === 'sent' ? null : verdict.reason,
        finishedAt: iso(finishedMs),
      });
    return { outcome, reason };
  });
  if (!result) return { messageId: id, outcome: 'skipped' };
  return { messageId: id, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) };
}

/**
 * A try whose sender died after claiming: its outcome is unknown, so it is dead-lettered, never resent.
 */
async function closeInterrupted(deps: DeliveryDeps, m: MessageDoc): Promise<boolean> {
  const nowMs = deps.now().getTime();
  if (!m.lease || Date.parse(m.lease.until) > nowMs) return false;
  const lease = m.lease;
  return deps.db.runTransaction(async (tx) => {
    const cur = await readDoc<MessageDoc>(tx, COLLECTIONS.outbox, m._id);
    if (!cur || cur.status !== 'sending' || cur.lease?.attemptId !== lease.attemptId) return false;
    const reason = '发送过程中断，无法确认是否已送达；为避免重复发送不再重发（消息页仍可查看）';
    await outbox(tx).doc(m._id).update({ status: 'dead', reason, lease: null });
    await tx
      .collection(COLLECTIONS.messageAttempts)
      .doc(`${m._id}-${cur.attempts ?? 1}`)
      .update({ outcome: 'unknown', reason, finishedAt: iso(nowMs) });
    return true;
  });
}

export interface DrainResult {
  tried: number;
  sent: number;
  retry: number;
  dead: number;
  inboxOnly: number;
  interrupted: number;
  /** True when the batch was full: more messages may be waiting for the next run. */
  more: boolean;
}

/**
 * One bounded run of the sender (timer `message-sender`): at most `limit` messages, oldest due first; the
 * rest wait for the next run. Interrupted tries whose lease ran out are closed first.
 */
export async function drainOutbox(
  deps: DeliveryDeps,
  limit = deps.channels.settings.batchSize,
): Promise<DrainResult> {
  const out: DrainResult = {
    tried: 0,
    sent: 0,
    retry: 0,
    dead: 0,
    inboxOnly: 0,
    interrupted: 0,
    more: false,
  };
  const nowIso = deps.now().toISOString();
  const stuck = (await deps.db.collection(COLLECTIONS.outbox).where({ status: 'sending' }).limit(limit).get())
    .data as MessageDoc[];
  for (const m of stuck) if (await closeInterrupted(deps, m)) out.interrupted++;
  const _ = deps.db.command;
  const due = (
    await deps.db
      .collection(COLLECTIONS.outbox)
      .where({ status: _.in(['pending', 'retry']), nextAttemptAt: _.lte(nowIso) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit)
      .get()
  ).data as MessageDoc[];
  out.more = due.length === limit;
  for (const m of due) {
    const r = await deliverOne(deps, m._id);
    if (r.outcome === 'skipped') continue;
    out.tried++;
    if (r.outcome === 'sent') out.sent++;
    else if (r.outcome === 'retry') out.retry++;
    else if (r.outcome === 'dead') out.dead++;
    else out.inboxOnly++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Urgent alerts

const alertIdOf = (key: string) => 'alert-' + createHash('sha256').update(key).digest('hex').slice(0, 32);

async function usersWithRole(db: DatabasePort, role: string) {
  const res = await db.collection(COLLECTIONS.users).where({ roles: role }).limit(1000).get();
  return (res.data as { _id: string; projectIds?: string[] }[]).sort((a, b) => (a._id < b._id ? -1 : 1));
}

/** The outbox message of an alert to one person. */
function alertMessage(
  alert: Pick<AlertDoc, '_id' | 'kind' | 'title' | 'body' | 'fields' | 'link'>,
  userId: string,
  level: number,
): OutgoingMessage {
  return {
    toUserId: userId,
    template: alert.kind,
    title: level === 0 ? alert.title : `【升级提醒】${alert.title}`,
    body: level === 0 ? alert.body : `${alert.body}（前一位负责人未在规定时间内确认，现转给您处理）`,
    dedupeKey: `alert|${alert._id}|${userId}`,
    fields: alert.fields,
    link: alert.link,
  };
}

/** Writes the alert's messages to these people inside the transaction (skipping any already there). */
async function queueAlertMessages(
  tx: TransactionPort,
  alert: AlertDoc,
  userIds: string[],
  level: number,
  nowIso: string,
) {
  const ids: string[] = [];
  for (const userId of userIds) {
    const msg = alertMessage(alert, userId, level);
    const id = messageIdOf(msg.dedupeKey);
    const existing = await readDoc<MessageDoc>(tx, COLLECTIONS.outbox, id);
    if (existing) continue;
    await outbox(tx)
      .doc(id)
      .set(newMessageDoc(msg, nowIso, { urgent: true, alertId: alert._id }));
    ids.push(id);
  }
  return ids;
}

/**
 * Raises an urgent alert once per key: the project's list is its managers (told at once) followed by the
 * office (one at a time, while nobody acknowledges). The alert and its first messages are written in one
 * transaction; they are then sent at once.
 */
export async function raiseAlert(deps: DeliveryDeps, input: UrgentAlert) {
  const { db } = deps;
  const now = deps.now();
  const nowIso = now.toISOString();
  const id = alertIdOf(input.key);
  const managers = (await usersWithRole(db, 'manager')).filter((u) =>
    (u.projectIds ?? []).includes(input.projectId),
  );
  const office = (await usersWithRole(db, 'admin')).filter((u) => !managers.some((m) => m._id === u._id));
  const chain = [...managers, ...office].map((u) => u._id);
  const firstLevelSize = Math.max(1, managers.length);
  const first = alertRecipients(chain, firstLevelSize, 0);
  const ackMs = deps.channels.settings.alertAckMinutes * 60_000;
  const written = await db.runTransaction(async (tx) => {
    if (await readDoc<AlertDoc>(tx, COLLECTIONS.urgentAlerts, id)) return null;
    const alert: AlertDoc = {
      _id: id,
      key: input.key,
      kind: input.kind,
      projectId: input.projectId,
      title: input.title,
      body: input.body,
      fields: input.fields,
      link: input.link,
      chain,
      firstLevelSize,
      level: 0,
      notified: first.map((userId) => ({ userId, level: 0, at: nowIso })),
      status: 'open',
      escalatesAt: new Date(now.getTime() + ackMs).toISOString(),
      acknowledgedAt: null,
      acknowledgedBy: null,
      createdAt: nowIso,
    };
    const { _id, ...body } = alert;
    await tx.collection(COLLECTIONS.urgentAlerts).doc(_id).set(body);
    return queueAlertMessages(tx, alert, first, 0, nowIso);
  });
  if (!written) return { alertId: id, raised: false, notified: 0 };
  for (const messageId of written) await deliverSafely(deps, messageId);
  return { alertId: id, raised: true, notified: written.length };
}

/** Sends now, logging instead of failing the caller: the timer retries whatever this leaves. */
export async function deliverSafely(deps: DeliveryDeps, messageId: string): Promise<void> {
  try {
    await deliverOne(deps, messageId);
  } catch (err) {
    deps.log.log('warn', 'immediate delivery failed', {
      error: err instanceof Error ? err.name : typeof err,
    });
  }
}

/**
 * The escalation run (timer `alert-escalation`): each open alert past its acknowledgement time goes to the
 * next person on its project's list; with nobody left it stays open (shown to the office) and stops.
 */
export async function escalateAlerts(deps: DeliveryDeps, limit = deps.channels.settings.batchSize) {
  const { db } = deps;
  const now = deps.now();
  const nowIso = now.toISOString();
  const _ = db.command;
  const due = (
    await db
      .collection(COLLECTIONS.urgentAlerts)
      .where({ status: 'open', escalatesAt: _.lte(nowIso) })
      .orderBy('escalatesAt', 'asc')
      .limit(limit)
      .get()
  ).data as AlertDoc[];
  let escalated = 0;
  let exhausted = 0;
  const ackMs = deps.channels.settings.alertAckMinutes * 60_000;
  for (const a of due) {
    const messageIds = await db.runTransaction(async (tx) => {
      const cur = await readDoc<AlertDoc>(tx, COLLECTIONS.urgentAlerts, a._id);
      if (!cur || cur.status !== 'open' || !cur.escalatesAt || cur.escalatesAt > nowIso) return null;
      const level = cur.level + 1;
      const next = alertRecipients(cur.chain, cur.firstLevelSize, level);
      if (next.length === 0) {
        await tx
          .collection(COLLECTIONS.urgentAlerts)
          .doc(a._id)
          .update({ status: 'exhausted', escalatesAt: null });
        return 'exhausted' as const;
      }
      await tx
        .collection(COLLECTIONS.urgentAlerts)
        .doc(a._id)
        .update({
          level,
          notified: [...cur.notified, ...next.map((userId) => ({ userId, level, at: nowIso }))],
          escalatesAt: new Date(now.getTime() + ackMs).toISOString(),
        });
      return queueAlertMessages(tx, cur, next, level, nowIso);
    });
    if (messageIds === 'exhausted') exhausted++;
    else if (messageIds) {
      escalated++;
      for (const id of messageIds) await deliverSafely(deps, id);
    }
  }
  return { checked: due.length, escalated, exhausted };
}
