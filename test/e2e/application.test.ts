import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { COLLECTIONS } from '@shared/collections';
import { addDays } from '@shared/rules/dates';
import type { ApplicationDoc, HouseholdDoc } from '../../cloudfunctions/_runtime/documents';
import { makeIdNumber } from '../factories/people.factory';
import { makeSignaturePng } from '../factories/png.factory';
import { createRng } from '../factories/rng';
import { attachFile, click, confirmModal, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(300_000);

/**
 * 三审三公示 in a real browser (乌兰察布 第十三条): someone opening the mini-program for the first time agrees
 * to the privacy notices and applies online with photos of the certificates; the community reviewer approves,
 * the result is published and a neighbour objects; the reviewer answers in writing and, once the notice has
 * ended, moves the case on; the street office and the housing department review in turn, each department's
 * checker answers its parallel-review task on their own account (惠州 链接2(3)), and the last notice ends with the household on the waitlist (the office's
 * waitlist page lists it; the applicant's record carries every stage and the certificate date). The applicant
 * checks the page on the first day (the local development session does not outlive the three notices).
 */
describe('browser: an application from submission through three reviews and notices to the waitlist', () => {
  let clock = new Date('2026-09-07T02:00:00Z'); // Monday 10:00 Beijing
  let world: E2eWorld;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anju-apply-'));
  const photo = path.join(dir, 'certificate.png');
  writeFileSync(photo, makeSignaturePng(800, 600, 5));

  beforeAll(async () => {
    world = await startWorld(() => clock);
  });
  afterAll(async () => world?.close());

  const db = () => world.server.host.runtime.db;
  const stored = async (id: string) =>
    (await db().collection(COLLECTIONS.applications).doc(id).get()).data[0] as ApplicationDoc;
  /** The day after the running notice's last day, 10:00 Beijing. */
  const afterNotice = async (id: string) => {
    clock = new Date(`${addDays((await stored(id)).notice!.endsOn, 1)}T02:00:00Z`);
  };
  const openReview = async (page: Page, id: string) => {
    await click(page, '#go-review-queue');
    await page.waitForSelector('#review-queue');
    await click(page, `#application-${id}`);
    await page.waitForSelector('#review');
  };
  const statusIs = async (page: Page, text: string) => {
    try {
      await page.waitForFunction(
        (t) => document.querySelector('#review-status')?.textContent?.includes(t),
        text,
        { timeout: 15_000 },
      );
    } catch {
      throw new Error(`“${text}” not shown; the page reads: ${await page.textContent('body')}`);
    }
  };

  it('takes an application to the waitlist', async () => {
    // ---- the applicant applies ----
    const { page: applicant } = await world.signIn('new-wechat-user', clock);
    await click(applicant, '#go-application');
    await click(applicant, '#go-apply');
    await click(applicant, '#agree-personal');
    await click(applicant, '#agree-sensitive');
    await applicant.waitForSelector('#apply');
    await click(applicant, '#submit-application');
    expect(await applicant.textContent('#checklist')).toContain('请选择申请类别');
    await click(applicant, '#category-low_income');
    await fill(applicant, '#member-0-name input', '测试申请');
    await fill(applicant, '#member-0-id input', makeIdNumber(createRng(77), 1985));
    await fill(applicant, '#member-0-income input', '30000');
    await fill(applicant, '#housing-description textarea', '租住私房，无自有住房');
    for (const kind of ['id_card', 'hukou', 'income', 'housing'])
      await attachFile(applicant, `#add-doc-${kind}`, photo);
    await applicant.waitForSelector('#checklist-ready');
    await click(applicant, '#submit-application');
    await confirmModal(applicant);
    await applicant.waitForSelector('#application-status');
    expect(await applicant.textContent('#application-status')).toContain('社区初审中');
    const [app] = (
      await db().collection(COLLECTIONS.applications).where({ status: 'initial_review' }).limit(1000).get()
    ).data.filter((a) => (a as ApplicationDoc).form?.members[0]?.name === '测试申请') as ApplicationDoc[];
    const id = app!._id;
    expect(app!.form!.documents.map((d) => d.fileIds.length)).toEqual([1, 1, 1, 1]);

    // ---- 社区初审 → notice, an objection answered in writing ----
    const { page: community } = await world.signIn('u-reviewer-community', clock);
    await openReview(community, id);
    await click(community, '#review-approve');
    await confirmModal(community);
    await statusIs(community, '初审公示中');

    const { page: neighbour } = await world.signIn('u-tenant', clock);
    await click(neighbour, '#go-review-notices');
    await neighbour.waitForSelector(`#notice-entry-${id}`);
    const entry = await neighbour.textContent(`#notice-entry-${id}`);
    expect(entry).toContain('测**');
    expect(entry).not.toContain('测试申请');
    await click(neighbour, `#object-${id}`);
    await fill(neighbour, '#objection-text textarea', '该户在外区另有住房');
    await click(neighbour, '#submit-objection');
    await confirmModal(neighbour);
    await neighbour.waitForSelector(`#object-${id}`);
    const objectionId = (await stored(id)).objections![0]!.id;

    await community.reload();
    await community.waitForSelector(`#objection-${objectionId}`);
    await fill(
      community,
      `#objection-${objectionId}-answer textarea`,
      '经不动产登记查询，该户无住房，异议不成立。',
    );
    await click(community, `#objection-${objectionId}-dismissed`);
    await confirmModal(community);
    await community.waitForFunction(
      (oid) => document.querySelector(`#objection-${oid}`)?.textContent?.includes('异议不成立'),
      objectionId,
    );
    expect(await community.locator('#close-notice').count()).toBe(0); // the notice is still running

    // The applicant sees the notice and the objection with its written answer (same day: the local
    // development session lasts a limited time, and the clock is moved past three notices below).
    await applicant.reload();
    await applicant.waitForSelector('#objections');
    expect(await applicant.textContent('#application-status')).toContain('初审公示中');
    expect(await applicant.textContent('#notice-ends')).toContain('公示至');
    expect(await applicant.textContent('#objections')).toContain('异议不成立');
    await afterNotice(id);
    await community.reload();
    await click(community, '#close-notice');
    await confirmModal(community);
    await statusIs(community, '街道复审中');

    // ---- 街道复审 → notice ----
    const { page: street } = await world.signIn('u-reviewer-street', clock);
    await openReview(street, id);
    await click(street, '#review-approve');
    await confirmModal(street);
    await statusIs(street, '复审公示中');
    await afterNotice(id);
    await street.reload();
    await click(street, '#close-notice');
    await confirmModal(street);
    await statusIs(street, '住房保障部门终审中');

    // ---- 终审 with the departments' parallel checks → notice → waitlist ----
    const { page: housing } = await world.signIn('u-reviewer-housing', clock);
    await openReview(housing, id);
    expect(await housing.locator('#review-approve').count()).toBe(0); // the departments have not answered
    expect(await housing.locator('#dept-civil_affairs-clear').count()).toBe(0); // not theirs to record
    // Each department answers on its own account's task list: the demo's civil-affairs checker, and one
    // checker per other department the office invited (written here as accepting an invitation leaves them,
    // and offered on the local sign-in page).
    for (const department of ['public_security', 'real_estate', 'social_security']) {
      const user = {
        openid: `e2e-dept-${department}`,
        name: `核查${department.length}`,
        roles: ['department_reviewer' as const],
      };
      await db()
        .collection(COLLECTIONS.users)
        .doc(`u-dept-${department}`)
        .set({ ...user, department, createdAt: clock.toISOString() });
      world.server.host.personas.push({ id: `u-dept-${department}`, ...user, description: '部门核查人员' });
    }
    for (const [userId, dept] of [
      ['u-department-civil', 'civil_affairs'],
      ['u-dept-public_security', 'public_security'],
      ['u-dept-real_estate', 'real_estate'],
      ['u-dept-social_security', 'social_security'],
    ] as const) {
      const { page: checker } = await world.signIn(userId, clock);
      await click(checker, '#go-department-tasks');
      await checker.waitForSelector(`#task-${id}`);
      // Only what the department checks: incomes for civil affairs, and ID numbers masked for all.
      const shown = (await checker.textContent(`#task-${id}`)) ?? '';
      expect(shown).toContain('测试申请');
      expect(shown.includes('上年收入')).toBe(dept === 'civil_affairs');
      if (dept === 'civil_affairs') {
        // To find the records, the checker sees the applicant's whole ID number after writing why (logged).
        const masked = (await checker.textContent(`#member-${id}-0-number`)) ?? '';
        expect(masked).toContain('*');
        await click(checker, `#member-${id}-0-ask`);
        await fill(checker, `#member-${id}-0-reason input`, '核对低保记录');
        await click(checker, `#member-${id}-0-show`);
        await checker.waitForFunction(
          (sel) => !document.querySelector(sel)?.textContent?.includes('*'),
          `#member-${id}-0-number`,
        );
        expect(await checker.textContent(`#member-${id}-0`)).toContain('本次查看已记录');
      }
      if (dept === 'real_estate') {
        await fill(checker, `#finding-${id} textarea`, '名下有一处商铺，非住房');
        await click(checker, `#issue-${id}`);
      } else await click(checker, `#clear-${id}`);
      await confirmModal(checker);
      await checker.waitForFunction((t) => !document.querySelector(t), `#task-${id}`);
    }
    await housing.reload();
    await housing.waitForFunction(() =>
      document.querySelector('#dept-real_estate')?.textContent?.includes('名下有一处商铺'),
    );
    await click(housing, '#review-approve');
    await confirmModal(housing);
    await statusIs(housing, '终审公示中');
    await afterNotice(id);
    await housing.reload();
    await click(housing, '#close-notice');
    await confirmModal(housing);
    await statusIs(housing, '已确定为保障对象');

    const household = (
      await db()
        .collection(COLLECTIONS.households)
        .doc((await stored(id)).householdId)
        .get()
    ).data[0] as HouseholdDoc;
    expect(household).toMatchObject({
      status: 'waitlisted',
      certificateDate: clock.toISOString().slice(0, 10),
    });
    await housing.goto(world.server.url + '/');
    await click(housing, '#go-waitlist');
    await housing.waitForSelector(`#waitlist-${household._id}`);
    expect(await housing.textContent(`#waitlist-${household._id}`)).toContain('测**');

    // ---- the applicant's record shows every stage with its date and the certificate date ----
    const applicantOpenid = (
      (
        await db()
          .collection(COLLECTIONS.users)
          .doc((await stored(id)).applicantUserId!)
          .get()
      ).data[0] as {
        openid: string;
      }
    ).openid;
    const progress = await world.server.host.invoke(
      'allocation',
      { action: 'myApplicationProgress' },
      { openid: applicantOpenid },
    );
    expect(progress).toMatchObject({
      ok: true,
      data: { status: 'approved', certificateDate: household.certificateDate },
    });
    const states = (progress as { data: { history: { state: string }[] } }).data.history.map((h) => h.state);
    expect(states).toEqual([
      'submitted',
      'initial_review',
      'initial_notice',
      'second_review',
      'second_notice',
      'final_review',
      'final_notice',
      'approved',
    ]);
  });
});
