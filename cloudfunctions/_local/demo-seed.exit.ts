import type { CollectionName } from '@shared/collections';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { billBalance } from '@shared/rules/billing.rule';
import { addDays, addMonths } from '@shared/rules/dates';
import { exitTriggerLabels } from '@shared/rules/exit.rule';
import { arrearsMonths } from '@shared/rules/billing.rule';
import { openingFinding } from '@shared/rules/exit-case.rule';
import { renewalDates } from '@shared/rules/lease.rule';
import type { UserDoc } from '../_runtime/caller';
import type { BillDoc, ExitCaseDoc, HouseholdDoc, LeaseDoc, RenewalDoc } from '../_runtime/documents';

/**
 * The demo district's exit case and renewals (issue #20): one household behind by 6 months or more has an
 * arrears case notified and awaiting its statement (with a persona to sign in as), and three leases end
 * within six months — one renewal application waiting for the office, one not yet applied, one that the
 * reminders will reach. Built from the dataset's own leases and bills, so the pages agree with the lists.
 */
export function addExitAndRenewalDemo(
  docs: Record<CollectionName, object[]>,
  p: {
    today: Date;
    households: HouseholdDoc[];
    leases: LeaseDoc[];
    bills: BillDoc[];
    /** Households the other personas use (left out of these cases). */
    skip: string[];
    policyFor: (projectId: string) => PolicyPreset;
  },
): { users: UserDoc[]; personas: { userId: string; description: string }[] } {
  const day = p.today.toISOString().slice(0, 10);
  const nowIso = p.today.toISOString();
  const users: UserDoc[] = [];
  const personas: { userId: string; description: string }[] = [];

  const owed = (lease: LeaseDoc) =>
    p.bills
      .filter((b) => b.leaseId === lease._id)
      .map((b) => ({
        dueDate: b.dueDate,
        chargedFen: b.amountFen,
        balanceFen: billBalance(b.amountFen, b.entries).balanceFen,
      }));
  const exitLease = p.leases.find(
    (l) => !p.skip.includes(l.householdId) && arrearsMonths(owed(l), day, p.policyFor(l.projectId)) >= 6,
  );
  if (exitLease) {
    const policy = p.policyFor(exitLease.projectId);
    const bills = owed(exitLease);
    const months = arrearsMonths(bills, day, policy);
    const owedFen = bills.filter((b) => b.dueDate < day).reduce((s, b) => s + Math.max(0, b.balanceFen), 0);
    const finding = openingFinding('arrears_6_months', { arrearsMonths: months }, policy);
    const household = p.households.find((h) => h._id === exitLease.householdId) as HouseholdDoc;
    if (finding.ok) {
      const id = 'exit-demo-1';
      const opened = new Date(p.today.getTime() - 5 * 86_400_000).toISOString();
      const notified = new Date(p.today.getTime() - 4 * 86_400_000).toISOString();
      const respondBy = addDays(day, 11);
      const evidence = `欠租名单标记（累计欠租 ${months} 个月，欠缴 ${(owedFen / 100).toFixed(2)} 元）`;
      const f = finding.value;
      const exitCase: ExitCaseDoc = {
        _id: id,
        householdId: household._id,
        leaseId: exitLease._id,
        unitId: exitLease.unitId,
        projectId: exitLease.projectId,
        trigger: 'arrears_6_months',
        source: 'arrears',
        evidence,
        evidenceRef: null,
        arrearsMonths: months,
        arrearsFen: owedFen,
        vacantMonths: 0,
        illegalGainsFen: 0,
        clause: f.clause,
        consequences: f.consequences,
        maxFineFen: f.maxFineFen,
        marketRentBackPay: f.marketRentBackPay,
        reapplyBan: f.reapplyBan,
        state: 'notified',
        openedAt: opened,
        noticeText: [
          `${household.headName}：`,
          `经核查，您家庭存在「${exitTriggerLabels(policy).arrears_6_months}」的情形（${f.clause}）。依据：${evidence}。`,
          `拟依法作出如下处理：${f.consequences.join('；')}。`,
          `请于 ${respondBy} 前通过安居小程序或到住房保障部门陈述意见；无异议的，应在规定期限内退回住房。`,
        ].join('\n'),
        respondBy,
        statement: null,
        decisionReason: null,
        moveOutBy: null,
        inspection: null,
        settlement: null,
        endedOn: null,
        banEndsOn: null,
        steps: [
          { step: 'open', at: opened, byUserId: 'u-admin', note: `${f.message}（${f.clause}）` },
          {
            step: 'notify',
            at: notified,
            byUserId: 'u-admin',
            note: `书面通知已送达，陈述期限至 ${respondBy}`,
          },
        ],
        updatedAt: notified,
      };
      docs.exit_cases.push(exitCase);
      household.openExitCaseId = id;
      docs.audit_log.push(
        {
          _id: `${opened}-exit-demo-open`,
          entityType: 'exit_case',
          entityId: id,
          action: 'opened',
          actorUserId: 'u-admin',
          at: opened,
          detail: `启动退出程序：${f.message}（${f.clause}）；依据：${evidence}`,
        },
        {
          _id: `${notified}-exit-demo-notify`,
          entityType: 'exit_case',
          entityId: id,
          action: 'notify',
          actorUserId: 'u-admin',
          at: notified,
          detail: `书面通知住户：书面通知已送达，陈述期限至 ${respondBy}`,
        },
      );
      users.push({
        _id: 'u-tenant-exit',
        openid: 'demo-tenant-exit',
        name: household.headName,
        roles: ['tenant'],
        householdId: household._id,
        createdAt: nowIso,
      });
      personas.push({
        userId: 'u-tenant-exit',
        description: '租户，累计欠租6个月以上，已收到退出程序书面通知，待陈述意见',
      });
    }
  }

  // Renewals: three leases end four to five months from now (their applications are due in one to two).
  const due = p.leases
    .filter((l) => !p.skip.includes(l.householdId) && l.householdId !== exitLease?.householdId)
    .slice(3, 6);
  due.forEach((lease, i) => {
    lease.endDate = addDays(addMonths(day, 4 + (i === 2 ? 1 : 0)), i * 3);
    if (i !== 0) return;
    const renewal: RenewalDoc = {
      _id: `renewal-${lease._id}-${lease.endDate}`,
      leaseId: lease._id,
      householdId: lease.householdId,
      status: 'submitted',
      submittedAt: new Date(p.today.getTime() - 2 * 86_400_000).toISOString(),
      dueBy: renewalDates(lease.endDate, p.policyFor(lease.projectId)).renewalDueBy,
    };
    docs.renewals.push(renewal);
  });
  return { users, personas };
}
