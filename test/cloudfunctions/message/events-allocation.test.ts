import { COLLECTIONS } from '@shared/collections';
import { keywordValue } from '@shared/rules/messages.rule';
import type { SandboxSentDoc } from '../../../cloudfunctions/_local/sandbox-notify.adapter';
import type { MessageDoc } from '../../../cloudfunctions/_runtime/message.documents';
import type { SubscribeSendRequest } from '../../../cloudfunctions/_runtime/notify.port';
import { registrationsInTurn, roundScenario } from '../../factories/allocation.scenario';
import { patrolDistrict, routesOf } from '../../factories/patrol.scenario';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

const START = new Date('2026-11-22T02:00:00Z');

/** The lottery result, the selection window and a patrol route each fill their template (issue #18). */
describe('messages from rounds and patrols', () => {
  let t: TestHost;
  const wechat = async () =>
    (await t.all<SandboxSentDoc>(COLLECTIONS.sandboxOutbound, { channel: 'wechat', accepted: true })).map(
      (d) => d.request as SubscribeSendRequest,
    );
  const consent = async (openid: string, moment: string, id: string) => {
    const templates = await t.call('message', openid, 'subscribeTemplates', { moment });
    const r = await t.call('message', openid, 'recordConsent', {
      clientRequestId: id,
      results: templates.data.templates.map((x: { templateId: string }) => ({
        templateId: x.templateId,
        result: 'accept',
      })),
    });
    expect(r.ok).toBe(true);
  };

  beforeEach(async () => {
    t = await openTestHost(START);
  });
  afterEach(() => t.close());

  it('the draw tells each household its rank; opening selection tells it its window (lottery_result)', async () => {
    const s = await roundScenario(t, { stage: 'drawn', applicants: 3 });
    const regs = await registrationsInTurn(t, s.round.id);
    const first = regs[0]!;
    const ranks = await t.all<MessageDoc>(COLLECTIONS.outbox, { template: 'lottery_result' });
    expect(ranks).toHaveLength(3);
    const mine = ranks.find((m) => m.toUserId === first.userId)!;
    expect(mine).toMatchObject({
      link: { page: 'round', id: s.round.id },
      fields: { round: s.round.title, rank: `第1位/共3户` },
    });
    // With a consent, the selection window goes out through WeChat.
    const applicant = s.applicants.find((a) => a.userId === first.userId)!;
    await consent(applicant.openid, 'round_registered', 'consent-round-01');
    const opened = await t.call('allocation', s.admin.openid, 'openSelection', {
      roundId: s.round.id,
      startsAt: '2026-11-23T09:00:00+08:00',
    });
    expect(opened.ok).toBe(true);
    const [sent, ...more] = await wechat();
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      touser: applicant.openid,
      template_id: 'sandbox-tmpl-lottery_result',
      page: `pages/round/index?id=${s.round.id}`,
      data: {
        thing1: { value: keywordValue('thing1', s.round.title) },
        character_string2: { value: '第1位' },
        thing3: { value: '2026-11-23 09:00 起' },
      },
    });
  });

  it('a route moved to a volunteer reaches them with the patrol_task template, once', async () => {
    const d = await patrolDistrict(t, { plan: true });
    const [route] = await routesOf(t, d.volunteer);
    await consent(d.volunteer2.openid, 'volunteer_routes', 'consent-route-01');
    const move = () =>
      t.call('patrol', 'wx-u-manager', 'moveRoute', {
        routeId: route!._id,
        volunteerUserId: 'u-volunteer-2',
      });
    expect((await move()).ok).toBe(true);
    expect((await move()).ok).toBe(true);
    const messages = await t.all<MessageDoc>(COLLECTIONS.outbox, { template: 'patrol_task' });
    expect(messages.map((m) => [m.toUserId, m.title, m.link])).toEqual([
      ['u-volunteer-2', '新的巡查路线', { page: 'patrol-today', id: null }],
    ]);
    const [sent] = await wechat();
    expect(sent).toMatchObject({
      touser: d.volunteer2.openid,
      template_id: 'sandbox-tmpl-patrol_task',
      data: { thing1: { value: '2026年第四季度安全巡查' }, date3: { value: '2026-12-31' } },
    });
  });
});
