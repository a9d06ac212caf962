import { defineFunction } from '../_runtime/handler';
import { createAllocationRepository } from './allocation.repository';
import { getContract, signContract } from './contract.service';
import { fileObjection, listObjections, resolveObjection } from './objection.service';
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

/**
 * `allocation`: 项目公告 → 登记 → 摇号 → 选房 → 公示 → 签约 (武昌调研报告 二(二)三). Admin actions check the
 * admin role first; tenant actions act only for the caller's own household.
 */
export const allocationFunction = defineFunction('allocation', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'allocation', time: rt.now().toISOString() }),
  createProject: (input, ctx) => createProject(createAllocationRepository(ctx.rt.db), input, ctx),
  listProjects: (_input, ctx) => listProjects(createAllocationRepository(ctx.rt.db), ctx),
  importUnits: (input, ctx) => importUnits(createAllocationRepository(ctx.rt.db), input, ctx),
  createRound: (input, ctx) => createRound(createAllocationRepository(ctx.rt.db), input, ctx),
  closeRegistration: (input, ctx) => closeRegistration(createAllocationRepository(ctx.rt.db), input, ctx),
  runLottery: (input, ctx) => runLottery(createAllocationRepository(ctx.rt.db), input, ctx),
  openSelection: (input, ctx) => openSelection(createAllocationRepository(ctx.rt.db), input, ctx),
  publishResults: (input, ctx) => publishResults(createAllocationRepository(ctx.rt.db), input, ctx),
  roundResults: (input, ctx) => roundResults(createAllocationRepository(ctx.rt.db), input, ctx),
  exportResults: (input, ctx) => exportResults(createAllocationRepository(ctx.rt.db), input, ctx),
  auditLog: (input, ctx) => auditLog(createAllocationRepository(ctx.rt.db), input, ctx),
  listRounds: (_input, ctx) => listRounds(createAllocationRepository(ctx.rt.db)),
  register: (input, ctx) => register(createAllocationRepository(ctx.rt.db), input, ctx),
  myRegistrations: (_input, ctx) => myRegistrations(createAllocationRepository(ctx.rt.db), ctx),
  availableUnits: (input, ctx) => availableUnits(createAllocationRepository(ctx.rt.db), input, ctx),
  selectUnit: (input, ctx) => selectUnit(createAllocationRepository(ctx.rt.db), input, ctx),
  waive: (input, ctx) => waive(createAllocationRepository(ctx.rt.db), input, ctx),
  getContract: (input, ctx) => getContract(createAllocationRepository(ctx.rt.db), input, ctx),
  signContract: (input, ctx) => signContract(createAllocationRepository(ctx.rt.db), input, ctx),
  listVacancies: (input, ctx) => listVacancies(createAllocationRepository(ctx.rt.db), input, ctx),
  offerVacancy: (input, ctx) => offerVacancy(createAllocationRepository(ctx.rt.db), input, ctx),
  applyRenewal: (input, ctx) => applyRenewal(createAllocationRepository(ctx.rt.db), input, ctx),
  fileObjection: (input, ctx) => fileObjection(createAllocationRepository(ctx.rt.db), input, ctx),
  listObjections: (input, ctx) => listObjections(createAllocationRepository(ctx.rt.db), input, ctx),
  resolveObjection: (input, ctx) => resolveObjection(createAllocationRepository(ctx.rt.db), input, ctx),
  myOffers: (_input, ctx) => myOffers(createAllocationRepository(ctx.rt.db), ctx),
  respondOffer: (input, ctx) => respondOffer(createAllocationRepository(ctx.rt.db), input, ctx),
});
