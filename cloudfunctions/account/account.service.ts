import type { MeResult } from '@shared/contracts';
import type { ServiceContext } from '../_runtime/handler';
import { hasRole } from '../_runtime/access';
import type { AccountRepository } from './account.repository';
import { balanceOf } from '../billing/ledger';
import { sumFen } from '@shared/rules/billing.rule';
import { addDays, chinaDate, chinaDayStart, mondayOf, quarterOf } from '@shared/rules/dates';
import { HOUSEHOLD_CATEGORY_LABELS, HOUSEHOLD_STATUS_LABELS } from '@shared/rules/household';

import { REVIEW_STATE_LABELS, REVIEW_STATES as APPLICATION_STATUSES } from '@shared/rules/review.rule';
import { missingArrangementYear } from '@shared/rules/working-days.rule';
import { REVIEW_PATH } from '@shared/rules/application.rule';
import { examplesToSet } from '@shared/rules/district-settings.rule';
import type { MyApplication } from '@shared/contracts';
import { AppError } from '@shared/errors';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { cite } from '@shared/policy/sources';
import type { ApplicationDoc } from '../_runtime/documents';
import { countDeadline } from '../_runtime/working-calendar';

/**
 * `me`: who the caller is and the first page of each of their roles. A WeChat user seen for the first time
 * gets a user record with no roles (an applicant-to-be); roles are granted by the housing office.
 */
export async function getMe(repo: AccountRepository, ctx: ServiceContext): Promise<MeResult> {
  const { rt, caller } = ctx;
  // The handler's `me` makes sure the record exists first (people.service.ts ensureUser: one per OPENID).
  const user = caller.user;
  if (!user) throw new AppError('INTERNAL');
  // Bills fall due on China calendar days, as the billing function reckons them.
  const today = chinaDate(rt.now().getTime());

  let tenant: MeResult['tenant'] = null;
  if (hasRole(ctx, 'tenant') && user.householdId) {
    const household = await repo.household(user.householdId);
    if (household) {
      const lease = await repo.activeLease(household._id);
      const [unit, project, openBills] = lease
        ? await Promise.all([
            repo.unit(lease.unitId),
            repo.project(lease.projectId),
            repo.openBillsOfLease(lease._id),
          ])
        : [null, null, []];
      tenant = {
        household: {
          id: household._id,
          headName: household.headName,
          size: household.size,
          category: household.category,
          categoryLabel: HOUSEHOLD_CATEGORY_LABELS[household.category],
          status: household.status,
          statusLabel: HOUSEHOLD_STATUS_LABELS[household.status],
        },
        lease:
          lease && unit && project
            ? {
                id: lease._id,
                projectName: project.name,
                unitLabel: unit.label,
                areaM2: unit.areaM2,
                monthlyRentFen: lease.monthlyRentFen,
                startDate: lease.startDate,
                endDate: lease.endDate,
              }
            : null,
        balanceDueFen: sumFen(openBills.map((b) => balanceOf(b).balanceFen)),
        unpaidBills: openBills.length,
      };
    }
  }

  const projectScope = hasRole(ctx, 'admin')
    ? 'all'
    : hasRole(ctx, 'manager')
      ? (user.projectIds ?? [])
      : null;
  const projects: MeResult['projects'] = [];
  if (projectScope !== null) {
    for (const project of await repo.projects(projectScope)) {
      const [units, occupied, vacant, overdue] = await Promise.all([
        repo.countUnits(project._id),
        repo.countUnits(project._id, 'occupied'),
        repo.countUnits(project._id, 'vacant'),
        repo.overdueBillsOfProject(project._id, today),
      ]);
      projects.push({
        id: project._id,
        name: project.name,
        units,
        occupied,
        vacant,
        leasesInArrears: new Set(overdue.map((b) => b.leaseId)).size,
        arrearsFen: sumFen(overdue.map((b) => balanceOf(b).balanceFen)),
      });
    }
  }

  let volunteer: MeResult['volunteer'] = null;
  if (hasRole(ctx, 'volunteer')) {
    // A patrol quarter and week are China's (UTC+8); the week ends at next Monday 00:00.
    const [open, care] = await Promise.all([
      repo.countOpenStops(user._id, quarterOf(today)),
      repo.careOf(user._id),
    ]);
    const weekEnd = chinaDayStart(addDays(mondayOf(today), 7));
    volunteer = {
      unitsToVisit: open,
      // 特殊关爱对象 due this week (weekly cadence, 武昌调研报告 二(三)四), or not reached and still open.
      specialCareDue: care.filter((c) => Date.parse(c.nextDueAt) < weekEnd || c.notReachedSince).length,
    };
  }

  let admin: MeResult['admin'] = null;
  if (hasRole(ctx, 'admin')) {
    const [counts, calendar, policy] = await Promise.all([
      Promise.all(APPLICATION_STATUSES.map((s) => repo.countApplications(s))),
      repo.workingCalendar(),
      repo.policyOn(ctx.rt.policy, today),
    ]);
    admin = {
      applicationsByStatus: Object.fromEntries(APPLICATION_STATUSES.map((s, i) => [s, counts[i] ?? 0])),
      calendarMissingYear: missingArrangementYear(today, calendar),
      settingsToSet: examplesToSet(policy),
    };
  }

  return {
    user: {
      id: user._id,
      name: user.name,
      roles: user.roles,
      householdRelation: user.householdRelation ?? null,
    },
    tenant,
    projects,
    volunteer,
    admin,
  };
}

/** The caller's eligibility application and where it stands in 三审三公示 (Ulanqab Art. 13). */
export async function getMyApplication(
  repo: AccountRepository,
  { rt, caller }: ServiceContext,
): Promise<MyApplication> {
  const householdId = caller.user?.householdId;
  if (!householdId) return null;
  const app = await repo.applicationOf(householdId);
  if (!app) return null;
  return applicationView(app, rt.policy);
}

const RE_REVIEW_STATUS_LABELS = { pending: '复核中', answered: '已答复' } as const;

function applicationView(app: ApplicationDoc, policy: PolicyPreset): NonNullable<MyApplication> {
  const reached = new Map(app.history.map((h) => [h.state, h.at]));
  // A refused application shows the stages it went through and the refusal, not the ones it never reached.
  // So does one returned, withdrawn or in 复核 (application.rule.ts side states).
  const path =
    app.status === 'rejected' || !REVIEW_PATH.includes(app.status)
      ? APPLICATION_STATUSES.filter((s) => reached.has(s))
      : REVIEW_PATH;
  return {
    id: app._id,
    status: app.status,
    statusLabel: REVIEW_STATE_LABELS[app.status],
    submittedAt: app.submittedAt,
    stages: path.map((state) => ({
      state,
      label: REVIEW_STATE_LABELS[state],
      reachedAt: reached.get(state) ?? null,
      current: state === app.status,
    })),
    canRequestReReview: app.status === 'rejected' && !app.reReview,
    reReview: app.reReview
      ? {
          requestedAt: app.reReview.requestedAt,
          reason: app.reReview.reason,
          status: app.reReview.status,
          statusLabel: RE_REVIEW_STATUS_LABELS[app.reReview.status],
          dueOn: app.reReview.deadline.dueOn,
          provisional: app.reReview.deadline.provisional,
          workingDays: app.reReview.deadline.workingDays,
          // The district's own source (乌兰察布 第十三条 there; elsewhere that district's setting).
          clause: cite(policy, 'review.reReview'),
        }
      : null,
  };
}

/**
 * 复核: an applicant who disagrees with a refusal asks the housing department for a re-review, and is told
 * the result in writing within 15 working days (乌兰察布 第十三条第二款). The deadline is counted on the
 * calendar in force and stored with its start, so that it is recounted when the office enters a year's
 * holidays. Asking again while one is pending changes nothing (a retried tap).
 */
export async function requestReReview(
  repo: AccountRepository,
  input: { reason: string },
  { rt, caller }: ServiceContext,
): Promise<MyApplication> {
  const householdId = caller.user?.householdId;
  const found = householdId ? await repo.applicationOf(householdId) : null;
  if (!found) throw new AppError('NOT_FOUND');
  const now = rt.now();
  const calendar = await repo.workingCalendar();
  const deadline = countDeadline(chinaDate(now.getTime()), rt.policy.review.reReviewWorkingDays, calendar);
  await repo.requestReReview(
    found._id,
    (app) => {
      if (app.reReview?.status === 'pending') return 'unchanged';
      if (app.reReview) throw new AppError('STATE_INVALID', '该申请已复核并答复，不能再次申请复核。');
      if (app.status !== 'rejected')
        throw new AppError('STATE_INVALID', '只有审核未通过的申请可以申请复核。');
      return { requestedAt: now.toISOString(), reason: input.reason, status: 'pending', deadline };
    },
    (app) => ({
      entityType: 'application',
      entityId: app._id,
      action: 're_review_requested',
      actorUserId: caller.user?._id ?? '',
      at: now.toISOString(),
      detail: `申请复核，应于 ${deadline.dueOn} 前书面答复${deadline.provisional ? '（暂按工作日计算）' : ''}`,
    }),
  );
  const app = await repo.applicationOf(found.householdId);
  return app ? applicationView(app, rt.policy) : null;
}
