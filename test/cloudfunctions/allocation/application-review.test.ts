import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import { publicNoticeEnds, reReviewDueDate } from '@shared/rules/review.rule';
import { addWorkingDays } from '@shared/rules/working-days.rule';
import type { ApplicationDoc, HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import {
  addApplicant,
  addDepartmentCheckers,
  addReviewers,
  applicationForm,
} from '../../factories/application.factory';
import { addUser, openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * 三审三公示 (乌兰察布 第十三条) end to end through the allocation function: an applicant applies online,
 * each review is moved only by its own role, each result is published for the notice period with objections
 * answered in writing, the final review waits for the four departments (惠州 链接2(3)), and approval puts the
 * household on the waitlist with its certificate date. Dates are China dates; the clock starts on Monday
 * 2026-09-07 at 10:00 in Beijing.
 */
describe('applications through 三审三公示', () => {
  let t: TestHost;
  let rv: Awaited<ReturnType<typeof addReviewers>>;
  let applicant: TestUser;
  const START = '2026-09-07T02:00:00Z';
  const day = (iso: string) => `${iso}T02:00:00Z`;

  beforeEach(async () => {
    t = await openTestHost(START);
    rv = await addReviewers(t.db);
    applicant = await addApplicant(t.db);
  });
  afterEach(() => t.close());

  const call = (who: TestUser, action: string, input: object = {}) =>
    t.call('allocation', who.openid, action, input);
  const app = async (id: string) => (await t.doc<ApplicationDoc>(COLLECTIONS.applications, id))!;
  const submit = async () => {
    const res = await call(applicant, 'submitApplication', await applicationForm(t, applicant.openid));
    expect(res).toMatchObject({ ok: true, data: { status: 'initial_review' } });
    return res.data.id as string;
  };
  /** Moves the clock past a running notice and closes it as the stage's reviewer. */
  const passNotice = async (id: string, who: TestUser) => {
    const a = await app(id);
    t.clock.set(day(a.notice!.endsOn));
    t.clock.advance(24 * 3600 * 1000);
    const res = await call(who, 'closeReviewNotice', { applicationId: id });
    expect(res.ok).toBe(true);
    return res;
  };

  it('ID numbers and incomes are asked for only after both privacy notices are agreed to', async () => {
    const newcomer = await addUser(t.db, { id: 'u-newcomer', roles: [] });
    const res = await call(newcomer, 'submitApplication', await applicationForm(t, newcomer.openid));
    expect(res).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
    expect(res.error.message).toContain('敏感个人信息单独告知');
    expect(await t.count(COLLECTIONS.applications)).toBe(0);
  });

  it('the applicant sees what is missing, and nothing is written until the application is complete', async () => {
    const form = await applicationForm(t, applicant.openid);
    const incomplete = { ...form, documents: form.documents.filter((d) => d.kind !== 'income') };
    const res = await call(applicant, 'submitApplication', incomplete);
    expect(res).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(res.error.message).toContain('收入证明');
    expect(await t.count(COLLECTIONS.applications)).toBe(0);
    expect(await t.count(COLLECTIONS.households)).toBe(0);
  });

  it('a complete application is stored once, with its household (applying) and the photos kept under it', async () => {
    const form = await applicationForm(t, applicant.openid);
    const first = await call(applicant, 'submitApplication', form);
    const again = await call(applicant, 'submitApplication', form);
    expect(again.data.id).toBe(first.data.id);
    expect(await t.count(COLLECTIONS.applications)).toBe(1);
    const stored = await app(first.data.id);
    expect(stored.form!.documents.map((d) => d.kind)).toEqual(['id_card', 'hukou', 'income', 'housing']);
    expect(stored.form!.documents[0]!.fileIds[0]).toContain(`applications/${first.data.id}/`);
    // ID numbers are sealed, never stored in plain text (§6).
    expect(JSON.stringify(stored)).not.toContain(form.members[0]!.idNumber);
    const household = (await t.doc<HouseholdDoc>(COLLECTIONS.households, stored.householdId))!;
    expect(household).toMatchObject({ status: 'applying', size: 2, annualIncomeFen: 3_600_000 });
    expect((await call(applicant, 'myApplicationProgress')).data).toMatchObject({
      id: first.data.id,
      statusLabel: '社区初审中',
      canWithdraw: true,
    });
  });

  it('三审三公示 from submission to the waitlist: each stage by its own role, notices, objections, departments', async () => {
    const id = await submit();
    const policy = t.host.runtime.policy;

    // 初审: the community reviewer's queue holds it; the district reviewer's does not.
    expect((await call(rv.community, 'reviewQueue')).data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call(rv.street, 'reviewQueue')).data).toEqual([]);
    const passed = await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'approve',
      note: '',
    });
    expect(passed).toMatchObject({ ok: true, data: { status: 'initial_notice' } });
    expect((await app(id)).notice).toEqual({
      state: 'initial_notice',
      startsOn: '2026-09-07',
      endsOn: publicNoticeEnds('2026-09-07', policy),
    });

    // The notice is public and masked; an objection reaches the reviewer.
    const notices = await call(applicant, 'reviewNotices');
    const entry = notices.data[0].entries[0];
    expect(entry).toMatchObject({ applicationId: id, headNameMasked: '郭**' });
    expect(JSON.stringify(notices.data)).not.toContain('郭晓明');
    const neighbour = await addUser(t.db, { id: 'u-neighbour', roles: [] });
    const objection = await call(neighbour, 'fileReviewObjection', {
      applicationId: id,
      clientRequestId: 'objection-0001',
      text: '该户在本市另有住房',
    });
    expect(objection.ok).toBe(true);
    expect((await call(rv.community, 'reviewQueue')).data[0]).toMatchObject({ pendingObjections: 1 });

    // The notice cannot close while it runs, nor with the objection unanswered.
    const early = await call(rv.community, 'closeReviewNotice', { applicationId: id });
    expect(early).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(early.error.message).toContain('公示期尚未结束');
    t.clock.set(day(publicNoticeEnds('2026-09-07', policy)));
    t.clock.advance(24 * 3600 * 1000);
    const pending = await call(rv.community, 'closeReviewNotice', { applicationId: id });
    expect(pending.error.message).toContain('异议尚未书面答复');
    expect((await app(id)).status).toBe('initial_notice');

    // The reviewer answers in writing; the applicant sees the objection and the answer.
    const answered = await call(rv.community, 'answerReviewObjection', {
      applicationId: id,
      objectionId: objection.data.id,
      answer: '经不动产登记查询，该户名下无住房，异议不成立。',
      upheld: false,
    });
    expect(answered.data.objections[0]).toMatchObject({ status: 'answered', upheld: false });
    expect((await call(applicant, 'myApplicationProgress')).data.objections[0].answer).toContain(
      '异议不成立',
    );
    expect((await call(rv.community, 'closeReviewNotice', { applicationId: id })).data.status).toBe(
      'second_review',
    );

    // 复审 by the district reviewer.
    expect(
      (
        await call(rv.street, 'reviewApplication', {
          applicationId: id,
          decision: 'approve',
          note: '复审通过',
        })
      ).data.status,
    ).toBe('second_notice');
    const final = await passNotice(id, rv.street);
    expect(final.data.status).toBe('final_review');

    // 审核: four department tasks created at once, due 7 working days out; approval waits for all.
    const opened = (await app(id)).history.at(-1)!.at.slice(0, 10);
    const tasks = final.data.departments;
    expect(tasks.map((d: { department: string }) => d.department)).toEqual([
      'civil_affairs',
      'public_security',
      'real_estate',
      'social_security',
    ]);
    const due = addWorkingDays(opened, policy.review.parallelReviewWorkingDays).date;
    expect(tasks.every((d: { dueOn: string }) => d.dueOn === due)).toBe(true);
    const refused = await call(rv.housing, 'reviewApplication', {
      applicationId: id,
      decision: 'approve',
      note: '',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(refused.error.message).toContain('4 个部门未回复');
    t.clock.set(day(due));
    t.clock.advance(24 * 3600 * 1000);
    expect((await call(rv.housing, 'reviewQueue')).data[0]).toMatchObject({ overdueDepartments: 4 });
    // Each department answers through its own checker's account (the housing reviewer cannot).
    const refusedForThem = await call(rv.housing, 'answerDepartmentTask', {
      applicationId: id,
      result: 'clear',
      note: '',
    });
    expect(refusedForThem).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const checkers = await addDepartmentCheckers(t.db);
    for (const checker of Object.values(checkers))
      expect(
        await call(checker, 'answerDepartmentTask', { applicationId: id, result: 'clear', note: '' }),
      ).toMatchObject({ ok: true, data: { result: 'clear' } });
    const detail = await call(rv.housing, 'applicationDetail', { applicationId: id });
    expect(detail.data.departments.every((d: { overdue: boolean }) => !d.overdue)).toBe(true);
    expect(detail.data.moves).toEqual(['approve', 'return', 'refuse']);
    expect(
      (await call(rv.housing, 'reviewApplication', { applicationId: id, decision: 'approve', note: '' })).data
        .status,
    ).toBe('final_notice');
    const approved = await passNotice(id, rv.housing);
    expect(approved.data.status).toBe('approved');

    // On the waitlist from that day, its certificate date; the applicant sees every stage with dates.
    const certificateDate = (await app(id)).history.at(-1)!.at;
    const household = (await t.doc<HouseholdDoc>(COLLECTIONS.households, (await app(id)).householdId))!;
    expect(household.status).toBe('waitlisted');
    const chinaDay = new Date(Date.parse(certificateDate) + 8 * 3600 * 1000).toISOString().slice(0, 10);
    expect(household.certificateDate).toBe(chinaDay);
    const list = await call(rv.housing, 'waitlist');
    expect(list.data).toEqual([
      expect.objectContaining({
        position: 1,
        applicationId: id,
        headNameMasked: '郭**',
        certificateDate: chinaDay,
      }),
    ]);
    const exported = await call(rv.housing, 'exportWaitlist');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await t.fetchUrl(exported.data.url)) as unknown as ArrayBuffer);
    expect(book.getWorksheet('轮候名单')!.getRow(2).values).toEqual([
      undefined,
      1,
      '郭**',
      '城镇低收入住房困难家庭',
      expect.any(String),
      chinaDay,
    ]);
    expect((await call(rv.community, 'exportWaitlist')).error.code).toBe('NOT_FOUND');
    const progress = (await call(applicant, 'myApplicationProgress')).data;
    expect(progress.history.map((h: { state: string }) => h.state)).toEqual([
      'submitted',
      'initial_review',
      'initial_notice',
      'second_review',
      'second_notice',
      'final_review',
      'final_notice',
      'approved',
    ]);
    expect(progress.certificateDate).toBe(chinaDay);
    // Every transition audited: who, when, what, why.
    const audit = await t.all<{ action: string; actorUserId: string }>(COLLECTIONS.auditLog, {
      entityId: id,
    });
    expect(audit.filter((a) => a.action.startsWith('application_')).length).toBeGreaterThanOrEqual(10);
    expect(audit.find((a) => a.action === 'application_approve')!.actorUserId).toBe('u-rv-community');
  });

  it('each review is moved only by its own role; a refused move changes nothing', async () => {
    const id = await submit();
    const before = await app(id);
    const admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    for (const who of [rv.street, rv.housing, applicant, admin]) {
      const res = await call(who, 'reviewApplication', { applicationId: id, decision: 'approve', note: '' });
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // The right role in the wrong state: a notice cannot be approved again.
    await call(rv.community, 'reviewApplication', { applicationId: id, decision: 'approve', note: '' });
    const twice = await app(id);
    const wrongState = await call(rv.community, 'closeReviewNotice', { applicationId: id });
    expect(wrongState.ok).toBe(false);
    expect(await app(id)).toEqual(twice);
    expect(before.status).toBe('initial_review');
  });

  it('a retried decision is made once', async () => {
    const id = await submit();
    const input = { applicationId: id, decision: 'approve', note: '' };
    expect((await call(rv.community, 'reviewApplication', input)).ok).toBe(true);
    expect((await call(rv.community, 'reviewApplication', input)).ok).toBe(true);
    expect((await app(id)).history.filter((h) => h.state === 'initial_notice')).toHaveLength(1);
    expect(await t.count(COLLECTIONS.auditLog, { entityId: id, action: 'application_approve' })).toBe(1);
  });

  it('returned for more material: the applicant is told what is missing, supplements and is reviewed again', async () => {
    const id = await submit();
    const noList = await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'return',
      note: '',
    });
    expect(noList).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await app(id)).status).toBe('initial_review');
    await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'return',
      note: '照片模糊',
      missing: ['近6个月收入证明'],
    });
    const progress = (await call(applicant, 'myApplicationProgress')).data;
    expect(progress).toMatchObject({
      status: 'returned',
      canResubmit: true,
      returned: { missing: ['近6个月收入证明'] },
    });
    const told = await t.all<{ toUserId: string; body: string }>(COLLECTIONS.outbox, {
      toUserId: 'u-applicant',
    });
    expect(told.some((m) => m.body.includes('近6个月收入证明'))).toBe(true);
    const form = await applicationForm(t, applicant.openid, 3);
    const res = await call(applicant, 'resubmitApplication', {
      applicationId: id,
      note: '已补充收入证明',
      documents: [{ kind: 'income', fileIds: form.documents[2]!.fileIds }],
    });
    expect(res).toMatchObject({ ok: true, data: { status: 'initial_review' } });
    expect((await app(id)).form!.documents.find((d) => d.kind === 'income')!.fileIds).toHaveLength(2);
  });

  it('复核: refused with its clause, the applicant asks, due in 15 working days over the National Day holiday', async () => {
    t.clock.set('2026-09-25T02:00:00Z');
    const id = await submit();
    const noReason = await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'refuse',
      note: '',
    });
    expect(noReason.error.code).toBe('INVALID_INPUT');
    const refused = await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'refuse',
      note: '家庭收入超过标准',
    });
    expect(refused.data.refusal).toMatchObject({ reason: '家庭收入超过标准', clause: expect.any(String) });
    expect(refused.data.refusal.clause.length).toBeGreaterThan(0);
    const asked = await call(applicant, 'requestApplicationReReview', {
      applicationId: id,
      reason: '收入计算有误',
    });
    const due = reReviewDueDate('2026-09-25', t.host.runtime.policy).date;
    expect(due > '2026-10-15').toBe(true); // 国庆 holidays are not working days
    expect(asked.data).toMatchObject({
      status: 're_review',
      statusLabel: '复核中',
      reReview: { dueOn: due },
    });
    // Only the housing department answers a 复核.
    expect(
      (await call(rv.community, 'decideReReview', { applicationId: id, overturn: true, answer: '撤销' }))
        .error.code,
    ).toBe('NOT_FOUND');
    const kept = await call(rv.housing, 'decideReReview', {
      applicationId: id,
      overturn: false,
      answer: '经复核，家庭人均收入超过标准，维持原决定。',
    });
    expect(kept.data).toMatchObject({
      status: 'rejected',
      reReview: { answer: expect.stringContaining('维持') },
    });
    const again = await call(applicant, 'requestApplicationReReview', {
      applicationId: id,
      reason: '再次申请',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
  });

  it('a 复核 asked through the account page is answered by the housing department the same way', async () => {
    const id = await submit();
    await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'refuse',
      note: '收入超标',
    });
    const asked = await t.call('account', applicant.openid, 'requestReReview', { reason: '收入计算有误' });
    expect(asked.ok).toBe(true);
    expect((await call(applicant, 'myApplicationProgress')).data.status).toBe('re_review');
    const overturned = await call(rv.housing, 'decideReReview', {
      applicationId: id,
      overturn: true,
      answer: '经复核收入未超标，撤销原决定，重新初审。',
    });
    expect(overturned.data).toMatchObject({ status: 'initial_review' });
    expect((await app(id)).reReview).toMatchObject({
      status: 'answered',
      answer: expect.stringContaining('撤销'),
    });
  });

  it('an objection found to stand sends the case back to that review', async () => {
    const id = await submit();
    await call(rv.community, 'reviewApplication', { applicationId: id, decision: 'approve', note: '' });
    const o = await call(applicant, 'fileReviewObjection', {
      applicationId: id,
      clientRequestId: 'objection-0002',
      text: '信息有误',
    });
    const res = await call(rv.community, 'answerReviewObjection', {
      applicationId: id,
      objectionId: o.data.id,
      answer: '异议成立，重新核查',
      upheld: true,
    });
    expect(res.data.status).toBe('initial_review');
  });

  it('the applicant can withdraw while under review, not someone else', async () => {
    const id = await submit();
    const other = await addUser(t.db, { id: 'u-other', roles: [] });
    expect(
      (await call(other, 'withdrawApplication', { applicationId: id, reason: '不需要了' })).error.code,
    ).toBe('NOT_FOUND');
    const res = await call(applicant, 'withdrawApplication', { applicationId: id, reason: '已购房' });
    expect(res.data).toMatchObject({ status: 'withdrawn', canWithdraw: false });
  });
});
