import { defineFunction, type FunctionImpl } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { createAllocationRepository } from './allocation.repository';
import { createApplicationRepository } from './application.repository';
import * as applications from './application.service';
import { roundNotice } from './round-notice.service';
import { getContract, signContract } from './contract.service';
import { fileObjection, listObjections, resolveObjection } from './objection.service';
import { exitCaseFunctions, exitCaseTimers } from './exit-case.function';
import { applyRenewal } from './renewal.service';
import { answerDepartmentTask, departmentTasks, revealMemberIdNumber } from './department-task.service';
import { createProject, importUnits, listProjects, setServicePhone } from './project.service';
import { availableUnits, listRounds, myRegistrations, register } from './registration.service';
import {
  auditLog,
  closeRegistration,
  createRound,
  exportResults,
  openSelection,
  publishResults,
  roundResults,
  runLottery,
} from './round.service';
import { selectUnit, waive } from './selection.service';
import { listVacancies, myOffers, offerVacancy, respondOffer } from './vacancy.service';

const repo = (rt: Runtime) => createAllocationRepository(rt.db);
const appRepo = (rt: Runtime) => createApplicationRepository(rt.db);

/**
 * `allocation`: 项目公告 → 登记 → 摇号 → 选房 → 公示 → 签约 (武昌调研报告 二(二)三). Admin actions check the
 * admin role first; tenant actions act only for the caller's own household.
 */
const allocationActions = {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'allocation', time: rt.now().toISOString() }),
  createProject: (input, ctx) => createProject(repo(ctx.rt), input, ctx),
  listProjects: (_input, ctx) => listProjects(repo(ctx.rt), ctx),
  setServicePhone: (input, ctx) => setServicePhone(repo(ctx.rt), input, ctx),
  importUnits: (input, ctx) => importUnits(repo(ctx.rt), input, ctx),
  createRound: (input, ctx) => createRound(repo(ctx.rt), input, ctx),
  closeRegistration: (input, ctx) => closeRegistration(repo(ctx.rt), input, ctx),
  runLottery: (input, ctx) => runLottery(repo(ctx.rt), input, ctx),
  openSelection: (input, ctx) => openSelection(repo(ctx.rt), input, ctx),
  publishResults: (input, ctx) => publishResults(repo(ctx.rt), input, ctx),
  roundResults: (input, ctx) => roundResults(repo(ctx.rt), input, ctx),
  exportResults: (input, ctx) => exportResults(repo(ctx.rt), input, ctx),
  auditLog: (input, ctx) => auditLog(repo(ctx.rt), input, ctx),
  listRounds: (_input, ctx) => listRounds(repo(ctx.rt)),
  register: (input, ctx) => register(repo(ctx.rt), input, ctx),
  myRegistrations: (_input, ctx) => myRegistrations(repo(ctx.rt), ctx),
  availableUnits: (input, ctx) => availableUnits(repo(ctx.rt), input, ctx),
  selectUnit: (input, ctx) => selectUnit(repo(ctx.rt), input, ctx),
  waive: (input, ctx) => waive(repo(ctx.rt), input, ctx),
  getContract: (input, ctx) => getContract(repo(ctx.rt), input, ctx),
  signContract: (input, ctx) => signContract(repo(ctx.rt), input, ctx),
  listVacancies: (input, ctx) => listVacancies(repo(ctx.rt), input, ctx),
  offerVacancy: (input, ctx) => offerVacancy(repo(ctx.rt), input, ctx),
  applyRenewal: (input, ctx) => applyRenewal(repo(ctx.rt), input, ctx),
  fileObjection: (input, ctx) => fileObjection(repo(ctx.rt), input, ctx),
  listObjections: (input, ctx) => listObjections(repo(ctx.rt), input, ctx),
  resolveObjection: (input, ctx) => resolveObjection(repo(ctx.rt), input, ctx),
  myOffers: (_input, ctx) => myOffers(repo(ctx.rt), ctx),
  respondOffer: (input, ctx) => respondOffer(repo(ctx.rt), input, ctx),
  // Applications through 三审三公示 (application.service.ts)
  submitApplication: (input, ctx) => applications.submitApplication(appRepo(ctx.rt), input, ctx),
  myApplicationProgress: (_input, ctx) => applications.myApplicationProgress(appRepo(ctx.rt), ctx),
  resubmitApplication: (input, ctx) => applications.resubmitApplication(appRepo(ctx.rt), input, ctx),
  withdrawApplication: (input, ctx) => applications.withdrawApplication(appRepo(ctx.rt), input, ctx),
  requestApplicationReReview: (input, ctx) =>
    applications.requestApplicationReReview(appRepo(ctx.rt), input, ctx),
  reviewQueue: (input, ctx) => applications.reviewQueue(appRepo(ctx.rt), input, ctx),
  exportApplications: (input, ctx) => applications.exportApplications(appRepo(ctx.rt), input, ctx),
  applicationDetail: (input, ctx) => applications.applicationDetail(appRepo(ctx.rt), input, ctx),
  reviewApplication: (input, ctx) => applications.reviewApplication(appRepo(ctx.rt), input, ctx),
  closeReviewNotice: (input, ctx) => applications.closeReviewNotice(appRepo(ctx.rt), input, ctx),
  answerReviewObjection: (input, ctx) => applications.answerReviewObjection(appRepo(ctx.rt), input, ctx),
  departmentTasks: (_input, ctx) => departmentTasks(appRepo(ctx.rt), ctx),
  answerDepartmentTask: (input, ctx) => answerDepartmentTask(appRepo(ctx.rt), input, ctx),
  revealMemberIdNumber: (input, ctx) => revealMemberIdNumber(appRepo(ctx.rt), input, ctx),
  decideReReview: (input, ctx) => applications.decideReReview(appRepo(ctx.rt), input, ctx),
  reviewNotices: (_input, ctx) => applications.reviewNotices(appRepo(ctx.rt), ctx),
  fileReviewObjection: (input, ctx) => applications.fileReviewObjection(appRepo(ctx.rt), input, ctx),
  waitlist: (input, ctx) => applications.waitlist(appRepo(ctx.rt), input, ctx),
  exportWaitlist: (input, ctx) => applications.exportWaitlist(appRepo(ctx.rt), input, ctx),
  roundNotice: (input, ctx) => roundNotice(repo(ctx.rt), input, ctx),
  ...exitCaseFunctions,
} satisfies FunctionImpl<'allocation'>;

export const allocationFunction = defineFunction('allocation', allocationActions, {
  timers: {
    ...exitCaseTimers,
    'daily-review-notices': (rt, slice) => applications.closeEndedNotices(appRepo(rt), rt, slice),
  },
});
