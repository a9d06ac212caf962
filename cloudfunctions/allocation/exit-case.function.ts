import type { Runtime } from '../_runtime/runtime';
import { createExitCaseRepository } from './exit-case.repository';
import {
  exitCaseClose,
  exitCaseDecide,
  exitCaseDetail,
  exitCaseEndLease,
  exitCaseInspect,
  exitCaseNotify,
  exitCaseSettle,
  exitCaseRecordRefund,
  exitCaseStatement,
  exportExitCases,
  listExitCases,
  myExitCases,
  openExitCase,
  vacancyEvidence,
} from './exit-case.service';
import type { In, ServiceContext } from '../_runtime/handler';
import { requireRole } from '../_runtime/access';
import type { JobSlice } from '../_runtime/job-slice';
import { getLeaseContract, myLeaseContracts, signLeaseContract } from './lease-contract.service';
import { decideRenewal, exportRenewals, listRenewals, remindRenewals } from './renewal-decision.service';

const repo = (rt: Runtime) => createExitCaseRepository(rt.db);
type Ctx = ServiceContext;

/** The exit-case and renewal actions of `allocation` (registered with its other actions). */
export const exitCaseFunctions = {
  openExitCase: (input: In<'allocation', 'openExitCase'>, ctx: Ctx) => openExitCase(repo(ctx.rt), input, ctx),
  vacancyEvidence: (input: In<'allocation', 'vacancyEvidence'>, ctx: Ctx) =>
    vacancyEvidence(repo(ctx.rt), input, ctx),
  listExitCases: (input: In<'allocation', 'listExitCases'>, ctx: Ctx) =>
    listExitCases(repo(ctx.rt), input, ctx),
  exportExitCases: (input: In<'allocation', 'exportExitCases'>, ctx: Ctx) =>
    exportExitCases(repo(ctx.rt), input, ctx),
  exitCase: (input: In<'allocation', 'exitCase'>, ctx: Ctx) => exitCaseDetail(repo(ctx.rt), input, ctx),
  exitNotify: (input: In<'allocation', 'exitNotify'>, ctx: Ctx) => exitCaseNotify(repo(ctx.rt), input, ctx),
  exitDecide: (input: In<'allocation', 'exitDecide'>, ctx: Ctx) => exitCaseDecide(repo(ctx.rt), input, ctx),
  exitClose: (input: In<'allocation', 'exitClose'>, ctx: Ctx) => exitCaseClose(repo(ctx.rt), input, ctx),
  exitInspect: (input: In<'allocation', 'exitInspect'>, ctx: Ctx) =>
    exitCaseInspect(repo(ctx.rt), input, ctx),
  exitSettle: (input: In<'allocation', 'exitSettle'>, ctx: Ctx) => exitCaseSettle(repo(ctx.rt), input, ctx),
  exitRecordRefund: (input: In<'allocation', 'exitRecordRefund'>, ctx: Ctx) =>
    exitCaseRecordRefund(repo(ctx.rt), input, ctx),
  exitEndLease: (input: In<'allocation', 'exitEndLease'>, ctx: Ctx) =>
    exitCaseEndLease(repo(ctx.rt), input, ctx),
  exitStatement: (input: In<'allocation', 'exitStatement'>, ctx: Ctx) =>
    exitCaseStatement(repo(ctx.rt), input, ctx),
  myExitCases: (_input: In<'allocation', 'myExitCases'>, ctx: Ctx) => myExitCases(repo(ctx.rt), ctx),

  listRenewals: (input: In<'allocation', 'listRenewals'>, ctx: Ctx) => listRenewals(repo(ctx.rt), input, ctx),
  exportRenewals: (_input: In<'allocation', 'exportRenewals'>, ctx: Ctx) => exportRenewals(repo(ctx.rt), ctx),
  decideRenewal: (input: In<'allocation', 'decideRenewal'>, ctx: Ctx) =>
    decideRenewal(repo(ctx.rt), input, ctx),
  remindRenewals: (_input: In<'allocation', 'remindRenewals'>, ctx: Ctx) => {
    requireRole(ctx, 'admin');
    return remindRenewals(repo(ctx.rt), ctx.rt);
  },
  myLeaseContracts: (_input: In<'allocation', 'myLeaseContracts'>, ctx: Ctx) =>
    myLeaseContracts(repo(ctx.rt), ctx),
  getLeaseContract: (input: In<'allocation', 'getLeaseContract'>, ctx: Ctx) =>
    getLeaseContract(repo(ctx.rt), input, ctx),
  signLeaseContract: (input: In<'allocation', 'signLeaseContract'>, ctx: Ctx) =>
    signLeaseContract(repo(ctx.rt), input, ctx),
};

/** The timer of this part: renewal reminders, daily in the 9 o'clock hour (cloudbaserc.json). */
export const exitCaseTimers = {
  'daily-renewal-reminders': (rt: Runtime, slice: JobSlice) => remindRenewals(repo(rt), rt, slice),
};
