import { COLLECTIONS } from '@shared/collections';
import { MESSAGE_OPERATOR_DEFAULTS } from '@shared/rules/messages.rule';
import type { SandboxSentDoc } from '../../../cloudfunctions/_local/sandbox-notify.adapter';
import type { SendSmsRequest, SubscribeSendRequest } from '../../../cloudfunctions/_runtime/notify.port';
import type { MessageDoc } from '../../../cloudfunctions/_runtime/message.documents';
import { stopsOf, patrolDistrict } from '../../factories/patrol.scenario';
import { makeSignaturePng } from '../../factories/png.factory';
import { uploadAs } from '../../factories/upload.factory';
import {
  addBill,
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';

jest.setTimeout(60_000);

const START = new Date('2026-11-22T02:00:00Z'); // Sunday 10:00 in Beijing
const MANAGER = 'wx-u-manager';
const ADMIN = 'wx-u-admin';
const ACK_MS = MESSAGE_OPERATOR_DEFAULTS.alertAckMinutes * 60_000;
/** A hazard photo uploaded to the volunteer's own folder, as the phone does; the call carries its file ID. */
const hazardPhoto = (t: TestHost) =>
  uploadAs(t.host, 'wx-u-volunteer', 'hazard-photo', makeSignaturePng(40, 40, 5));

/**
 * Each event sends its kind's template with its fields (issue #18), through the WeChat sandbox when the
 * person has a consent; urgent hazards and missed care check-ins reach the managers by SMS at once and
 * escalate along the project's list until acknowledged.
 */
describe('messages from events', () => {
  let t: TestHost;
  const wechat = async () =>
    (await t.all<SandboxSentDoc>(COLLECTIONS.sandboxOutbound, { channel: 'wechat', accepted: true })).map(
      (d) => d.request as SubscribeSendRequest,
    );
  const sms = async () =>
    (await t.all<SandboxSentDoc>(COLLECTIONS.sandboxOutbound, { channel: 'sms', accepted: true }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((d) => d.request as SendSmsRequest);
  const consent = async (openid: string, moment: string) => {
    const templates = await t.call('message', openid, 'subscribeTemplates', { moment });
    const r = await t.call('message', openid, 'recordConsent', {
      clientRequestId: `consent-${moment}`,
      results: templates.data.templates.map((x: { templateId: string }) => ({
        templateId: x.templateId,
        result: 'accept',
      })),
    });
    expect(r.ok).toBe(true);
  };
  const setPhone = (userId: string, phone: string) =>
    t.db.collection(COLLECTIONS.users).doc(userId).update({ phone });

  beforeEach(async () => {
    t = await openTestHost(START);
  });
  afterEach(() => t.close());

  it('rent due: the rent_due template with the period, amount, due date, opening the bill', async () => {
    const d = await smallDistrict(t.db);
    const tenant = d.project.tenants[1] as TestTenant;
    t.clock.set('2026-12-12T02:00:00Z');
    const bill = await addBill(t.db, tenant, '2026-12');
    await consent(tenant.openid, 'bills_opened');
    expect((await t.trigger('billing', 'daily-rent-reminders')).data).toMatchObject({ dueSoon: 1 });
    expect(await wechat()).toEqual([
      {
        touser: tenant.openid,
        template_id: 'sandbox-tmpl-rent_due',
        page: `pages/bill/index?id=${bill._id}`,
        data: {
          thing1: { value: '2026-12 月租金' },
          amount2: { value: `${(bill.amountFen / 100).toFixed(2)}元` },
          date3: { value: bill.dueDate },
          thing4: { value: '可在安居小程序在线缴纳' },
        },
        miniprogram_state: 'developer',
        lang: 'zh_CN',
      },
    ]);
  });

  it('repair: each move staff make reaches the tenant with the repair_update template; without consent, the inbox only', async () => {
    const d = await smallDistrict(t.db);
    const tenant = d.project.tenants[0] as TestTenant;
    const filed = await t.call('repair', tenant.openid, 'file', {
      kind: 'repair',
      category: 'water',
      description: '厨房水管漏水',
      emergency: false,
      preferredTimes: '',
      photos: [],
      clientRequestId: 'req-msg-0001',
    });
    expect(filed.ok).toBe(true);
    await consent(tenant.openid, 'repair_filed');
    const assigned = await t.call('repair', MANAGER, 'assign', {
      repairId: filed.data.id,
      workerUserId: 'u-worker',
      visitAt: '2026-11-22T18:00:00+08:00',
    });
    expect(assigned.ok).toBe(true);
    const [sent, ...more] = await wechat();
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      touser: tenant.openid,
      template_id: 'sandbox-tmpl-repair_update',
      page: `pages/repair/index?id=${filed.data.id}`,
      data: {
        thing1: { value: '水路报修' },
        thing2: { value: '已派单' },
        time3: { value: '2026-11-22 10:00' },
      },
    });
    // The consent is used up: the worker starting the job reaches the tenant's inbox only.
    t.clock.advance(60_000);
    expect((await t.call('repair', 'wx-u-worker', 'start', { repairId: filed.data.id })).ok).toBe(true);
    expect(await wechat()).toHaveLength(1);
    const inbox = await t.call('message', tenant.openid, 'inbox', {});
    expect(
      inbox.data.items.map((i: { kind: string; link: unknown; deliveryLabel: string }) => [
        i.kind,
        i.link,
        i.deliveryLabel,
      ]),
    ).toEqual([
      ['repair_update', { page: 'repair', id: filed.data.id }, '仅在消息页提醒'],
      ['repair_update', { page: 'repair', id: filed.data.id }, '已通过微信通知'],
    ]);
  });

  it('an immediate-danger hazard: SMS to the project manager at once, escalation to the office unacknowledged, none after acknowledgement', async () => {
    const d = await patrolDistrict(t, { plan: true });
    await setPhone('u-manager', '13800000001');
    await setPhone('u-admin', '139 0000 0002');
    const [visit] = await stopsOf(t, d.volunteer);
    const report = {
      clientHazardId: 'hazard-0001-abc',
      visitId: visit!._id,
      location: '厨房',
      category: 'gas',
      severity: 'immediate',
      description: '燃气软管老化漏气',
      reportedAt: START.toISOString(),
      photos: [await hazardPhoto(t)],
    };
    const h = await t.call('patrol', 'wx-u-volunteer', 'reportHazard', report);
    expect(h.ok).toBe(true);
    const sms1 = {
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400000000',
      SignName: '安居',
      TemplateId: 'sandbox-sms-hazard_urgent',
      TemplateParamSet: ['1栋-101 厨房', '燃气软管老化漏气'],
    };
    expect(await sms()).toEqual([expect.objectContaining(sms1)]);
    // A replayed report raises nothing more.
    await t.call('patrol', 'wx-u-volunteer', 'reportHazard', report);
    expect(await sms()).toHaveLength(1);
    expect((await t.call('message', MANAGER, 'unreadCount', {})).data).toEqual({
      unread: 1,
      urgentUnread: 1,
    });
    const [item] = (await t.call('message', MANAGER, 'inbox', {})).data.items;
    expect(item).toMatchObject({
      urgent: true,
      alertOpen: true,
      deliveryLabel: '已发送短信',
      link: { page: 'hazards', id: h.data.id },
    });

    // Not acknowledged in time: the next person on the project's list (the office).
    t.clock.advance(ACK_MS - 1000);
    expect((await t.trigger('message', 'alert-escalation')).data).toMatchObject({ escalated: 0 });
    t.clock.advance(1000);
    expect((await t.trigger('message', 'alert-escalation')).data).toMatchObject({ escalated: 1 });
    expect(await sms()).toEqual([
      expect.objectContaining(sms1),
      expect.objectContaining({ ...sms1, PhoneNumberSet: ['+8613900000002'] }),
    ]);
    const adminItem = (await t.call('message', ADMIN, 'inbox', {})).data.items[0];
    expect(adminItem.title).toBe('【升级提醒】立即危险：请马上处置');

    // The manager acknowledges in the page; nothing escalates any more.
    const ack = await t.call('message', MANAGER, 'acknowledgeAlert', { alertId: item.alertId });
    expect(ack.data).toMatchObject({
      acknowledgedByName: '张敏',
      escalatesAt: null,
      notified: ['张敏', '赵磊'],
    });
    t.clock.advance(10 * ACK_MS);
    expect((await t.trigger('message', 'alert-escalation')).data).toMatchObject({ checked: 0 });
    expect(await sms()).toHaveLength(2);
    // Another project's manager cannot see or acknowledge it.
    expect(
      (await t.call('message', 'wx-u-manager-other', 'acknowledgeAlert', { alertId: item.alertId })).error
        .code,
    ).toBe('NOT_FOUND');
    expect((await t.call('message', 'wx-u-manager-other', 'alerts', {})).data.alerts).toEqual([]);
  });

  it('a manager with no phone on record still gets the alert in the inbox, which says so; with nobody left the alert stops escalating', async () => {
    const d = await patrolDistrict(t, { plan: true });
    const [visit] = await stopsOf(t, d.volunteer);
    await t.call('patrol', 'wx-u-volunteer', 'reportHazard', {
      clientHazardId: 'hazard-0002-abc',
      visitId: visit!._id,
      location: '楼道',
      category: 'electric',
      severity: 'immediate',
      description: '配电箱冒烟',
      reportedAt: START.toISOString(),
      photos: [await hazardPhoto(t)],
    });
    const m = (await t.all<MessageDoc>(COLLECTIONS.outbox, { toUserId: 'u-manager' }))[0]!;
    expect(m).toMatchObject({ status: 'inbox_only', reason: '未登记手机号，仅在消息页提醒', urgent: true });
    t.clock.advance(ACK_MS);
    expect((await t.trigger('message', 'alert-escalation')).data).toMatchObject({ escalated: 1 });
    t.clock.advance(ACK_MS);
    expect((await t.trigger('message', 'alert-escalation')).data).toMatchObject({ exhausted: 1 });
    const alerts = (await t.call('message', ADMIN, 'alerts', {})).data.alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ notified: ['张敏', '赵磊'], acknowledgedAt: null, escalatesAt: null });
  });

  it('a missed special-care check-in: the managers by SMS with the care_escalation template at once', async () => {
    const d = await patrolDistrict(t, { plan: true });
    await setPhone('u-manager', '13800000001');
    const reg = await t.call('patrol', MANAGER, 'careUpsert', {
      householdId: d.project.tenants[4]!.householdId,
      personName: '王奶奶',
      reason: '孤寡独居',
      contacts: [{ name: '王小明', relation: '儿子', phone: '13800000000' }],
      volunteerUserId: 'u-volunteer',
      active: true,
    });
    expect(reg.ok).toBe(true);
    // Never visited: once the check-in is overdue by the escalation delay, the check escalates.
    t.clock.advance(30 * 24 * 3_600_000);
    expect((await t.call('patrol', MANAGER, 'runCareEscalation')).data).toMatchObject({ escalated: 1 });
    expect(await sms()).toEqual([
      expect.objectContaining({
        PhoneNumberSet: ['+8613800000001'],
        TemplateId: 'sandbox-sms-care_escalation',
        TemplateParamSet: [expect.stringContaining('王奶奶'), '关爱走访逾期未完成'],
      }),
    ]);
  });
});
