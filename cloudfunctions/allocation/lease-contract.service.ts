import { LEASE_CONTRACT_KIND_LABELS, type LeaseContractView } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { found } from '../_runtime/access';
import type { ContractDoc, OfferDoc, ProjectDoc, UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import { sha256 } from '../_runtime/ids';
import {
  readUploads,
  recordUploads,
  releaseUploads,
  sniffSignature,
  type UploadedFile,
} from '../_runtime/uploads';
import { contractDigest, draftContract, signedDigestMatches } from './contract.service';
import { withoutId, type ExitCaseRepository } from './exit-case.repository';
import { claimHold, heldUnit, refuseIfHolding } from './household-hold';
import { callerHousehold } from './registration.service';

/**
 * Leases signed online outside a round, the same way as a round's (合同文本 → 阅读 → 手写签名 → SHA-256 摘要存档):
 * a renewal the office approved (乌兰察布 第二十一条) and a vacated unit whose offer the household accepted
 * (武昌调研报告 二(二)三 动态配租) — not "signed offline". The text is the round's template (`contractText`).
 *
 * - Offer: the contract is drafted when the household opens its contracts while the unit is reserved for its
 *   accepted offer; signing turns the offer's hold into the lease (一户一套, `claimHold`), lets the unit and
 *   makes the household a tenant, in one transaction.
 * - Renewal: the office's approval drafts it; signing moves the lease's end to the new term's end and records
 *   the new term's rent from its first day (`lease.nextRent`), and marks the renewal signed.
 */

async function view(c: ContractDoc, ctx: ServiceContext): Promise<LeaseContractView> {
  const digestMatches = await signedDigestMatches(c, ctx);
  const kind = c.kind ?? 'offer';
  return {
    id: c._id,
    kind,
    kindLabel: LEASE_CONTRACT_KIND_LABELS[kind],
    status: c.status,
    text: c.text,
    textSha256: c.textSha256,
    signatureSha256: c.signatureSha256,
    digest: c.digest,
    digestMatches,
    signedAt: c.signedAt,
    startDate: c.startDate,
    endDate: c.endDate,
    monthlyRentFen: c.monthlyRentFen,
  };
}

/** Drafts the contract of an accepted offer whose unit is still reserved for it (once; a retry finds it). */
async function draftOfferContract(repo: ExitCaseRepository, offer: OfferDoc, ctx: ServiceContext) {
  const id = `c-${offer._id}`;
  if (await repo.contract(id)) return;
  const unit = await repo.unit(offer.unitId);
  if (!unit || unit.status !== 'reserved' || unit.reservedBy !== offer._id) return;
  const household = await repo.household(offer.householdId);
  const project = (await repo.project(offer.projectId)) as ProjectDoc;
  if (!household) return;
  const doc = await draftContract(repo, ctx, {
    household,
    unit,
    project,
    registrationId: offer._id,
    leaseId: null,
    kind: 'offer',
  });
  await repo.runExitTransaction(async (t) => {
    if (await t.contract(id)) return;
    await t.setContract(id, doc);
    await t.recordAudit({
      entityType: 'contract',
      entityId: id,
      action: 'drafted',
      actorUserId: ctx.caller.user?._id ?? '',
      at: ctx.rt.now().toISOString(),
      detail: `空置房源配租合同生成，文本摘要 ${doc.textSha256}`,
    });
  });
}

export async function myLeaseContracts(repo: ExitCaseRepository, ctx: ServiceContext) {
  const householdId = ctx.caller.user?.householdId;
  if (!householdId) return [];
  for (const offer of await repo.offersOfHouseholdAccepted(householdId))
    await draftOfferContract(repo, offer, ctx);
  const out = [];
  for (const c of await repo.contractsOfHousehold(householdId)) {
    if (!c.kind) continue;
    const unit = await repo.unit(c.unitId);
    const project = await repo.project(c.projectId);
    out.push({
      id: c._id,
      kind: c.kind,
      kindLabel: LEASE_CONTRACT_KIND_LABELS[c.kind],
      projectName: project?.name ?? '',
      unitLabel: unit?.label ?? '',
      status: c.status,
      startDate: c.startDate,
      endDate: c.endDate,
      monthlyRentFen: c.monthlyRentFen,
    });
  }
  return out.sort((a, b) => (a.status === b.status ? 0 : a.status === 'draft' ? -1 : 1));
}

async function ownContract(repo: ExitCaseRepository, contractId: string, ctx: ServiceContext) {
  const household = await callerHousehold(repo, ctx);
  return found(await repo.contract(contractId), (c) => c.householdId === household._id && !!c.kind);
}

export async function getLeaseContract(
  repo: ExitCaseRepository,
  input: In<'allocation', 'getLeaseContract'>,
  ctx: ServiceContext,
) {
  return view(await ownContract(repo, input.contractId, ctx), ctx);
}

export async function signLeaseContract(
  repo: ExitCaseRepository,
  input: In<'allocation', 'signLeaseContract'>,
  ctx: ServiceContext,
) {
  const contract = await ownContract(repo, input.contractId, ctx);
  if (contract.status === 'signed') return view(contract, ctx);
  const [upload] = await readUploads(
    ctx.rt,
    ctx.caller.openid,
    'signature',
    [input.signatureFileId],
    sniffSignature,
  );
  const png = (upload as UploadedFile).bytes;
  if (contract.textSha256 !== input.textSha256)
    throw new AppError('CONFLICT', '合同内容已更新，请重新阅读后再签名。');
  const id = contract._id;
  const sourceId = contract.sourceId as string;
  const unit = (await repo.unit(contract.unitId)) as UnitDoc;
  const projectName = (await repo.project(contract.projectId))?.name ?? '';
  const leaseId = contract.kind === 'renewal' ? (contract.leaseId as string) : `l-${id}`;
  if (contract.kind === 'offer') {
    if (unit.status !== 'reserved' || unit.reservedBy !== sourceId)
      throw new AppError('STATE_INVALID', '该房源已不再为您保留，不能签约。');
    await refuseIfHolding(repo, contract.householdId, [sourceId, leaseId], ctx);
  } else {
    const renewal = await repo.renewal(sourceId);
    if (renewal?.status !== 'approved') throw new AppError('STATE_INVALID', '续租申请尚未获批，不能签约。');
  }
  const signatureSha256 = sha256(png);
  const [signatureFileId] = await recordUploads(
    ctx.rt,
    [upload as UploadedFile],
    () => `contracts/${id}/signature-${signatureSha256.slice(0, 16)}.png`,
  );
  const now = ctx.rt.now().toISOString();
  await repo.runExitTransaction(async (t) => {
    const fresh = await t.contract(id);
    if (!fresh || fresh.status === 'signed') return;
    const digest = contractDigest(fresh.textSha256, signatureSha256);
    if (fresh.kind === 'offer') {
      const u = await t.unit(fresh.unitId);
      if (u?.status !== 'reserved' || u.reservedBy !== sourceId)
        throw new AppError('STATE_INVALID', '该房源已不再为您保留，不能签约。');
      await claimHold(t, fresh.householdId, heldUnit('lease', leaseId, unit, projectName), ctx, sourceId);
      await t.updateUnit(fresh.unitId, { status: 'occupied' });
      await t.updateHousehold(fresh.householdId, { status: 'tenant' });
      if (ctx.caller.user) await t.grantRole(ctx.caller.user._id, 'tenant');
      await t.setLease(leaseId, {
        householdId: fresh.householdId,
        unitId: fresh.unitId,
        projectId: fresh.projectId,
        startDate: fresh.startDate,
        endDate: fresh.endDate,
        monthlyRentFen: fresh.monthlyRentFen,
        status: 'active',
        contractId: id,
      });
    } else {
      const renewal = await t.renewal(sourceId);
      if (renewal?.status !== 'approved') throw new AppError('STATE_INVALID', '续租申请尚未获批，不能签约。');
      await t.updateLease(leaseId, {
        endDate: fresh.endDate,
        nextRent: { fromDate: fresh.startDate, monthlyRentFen: fresh.monthlyRentFen, contractId: id },
      });
      await t.setRenewal(sourceId, { ...withoutId(renewal), status: 'signed' });
    }
    await t.updateContract(id, {
      status: 'signed',
      signatureFileId,
      signatureSha256,
      digest,
      signedAt: now,
      leaseId,
    });
    await t.recordAudit({
      entityType: 'contract',
      entityId: id,
      action: 'signed',
      actorUserId: ctx.caller.user?._id ?? '',
      at: now,
      detail: `${LEASE_CONTRACT_KIND_LABELS[fresh.kind ?? 'offer']}在线签约，签名摘要 ${signatureSha256}，合同摘要 ${digest}`,
    });
  });
  await releaseUploads(ctx.rt, [upload as UploadedFile]);
  return view((await repo.contract(id)) as ContractDoc, ctx);
}
