import { defineFunction, type ServiceContext } from '../_runtime/handler';
import { createAllocationRepository } from './allocation.repository';
import { getContract, signContract } from './contract.service';
import { fileObjection, listObjections } from './objection.service';
import { applyRenewal } from './renewal.service';
import { createProject, importUnits, listProjects } from './project.service';
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

const repo = (ctx: ServiceContext) => createAllocationRepository(ctx.rt.db);

/**
 * `allocation`: 项目公告 → 登记 → 摇号 → 选房 → 公示 → 签约 (武昌调研报告 二(二)三). Admin actions check the
 * admin role first; tenant actions act only for the caller's own household.
 */
export const allocationFunction = defineFunction('allocation', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'allocation', time: rt.now().toISOString() }),
  createProject: (input, ctx) => createProject(repo(ctx), input, ctx),
  listProjects: (_input, ctx) => listProjects(repo(ctx), ctx),
  importUnits: (input, ctx) => importUnits(repo(ctx), input, ctx),
  createRound: (input, ctx) => createRound(repo(ctx), input, ctx),
  closeRegistration: (input, ctx) => closeRegistration(repo(ctx), input, ctx),
  runLottery: (input, ctx) => runLottery(repo(ctx), input, ctx),
  openSelection: (input, ctx) => openSelection(repo(ctx), input, ctx),
  publishResults: (input, ctx) => publishResults(repo(ctx), input, ctx),
  roundResults: (input, ctx) => roundResults(repo(ctx), input, ctx),
  exportResults: (input, ctx) => exportResults(repo(ctx), input, ctx),
  auditLog: (input, ctx) => auditLog(repo(ctx), input, ctx),
  listRounds: (_input, ctx) => listRounds(repo(ctx)),
  register: (input, ctx) => register(repo(ctx), input, ctx),
  myRegistrations: (_input, ctx) => myRegistrations(repo(ctx), ctx),
  availableUnits: (input, ctx) => availableUnits(repo(ctx), input, ctx),
  selectUnit: (input, ctx) => selectUnit(repo(ctx), input, ctx),
  waive: (input, ctx) => waive(repo(ctx), input, ctx),
  getContract: (input, ctx) => getContract(repo(ctx), input, ctx),
  signContract: (input, ctx) => signContract(repo(ctx), input, ctx),
  listVacancies: (input, ctx) => listVacancies(repo(ctx), input, ctx),
  offerVacancy: (input, ctx) => offerVacancy(repo(ctx), input, ctx),
  applyRenewal: (input, ctx) => applyRenewal(repo(ctx), input, ctx),
  fileObjection: (input, ctx) => fileObjection(repo(ctx), input, ctx),
  listObjections: (input, ctx) => listObjections(repo(ctx), input, ctx),
  myOffers: (_input, ctx) => myOffers(repo(ctx), ctx),
  respondOffer: (input, ctx) => respondOffer(repo(ctx), input, ctx),
});
