import { sha256 } from '../_runtime/ids';
import { COLLECTIONS } from '@shared/collections';
import type { ContractView, allocationContract } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { CLAUSE } from '@shared/policy/clauses';
import { chinaDate } from '@shared/rules/dates';
import { EXIT_TRIGGER_LABELS } from '@shared/rules/exit.rule';
import { leaseTerm } from '@shared/rules/lease.rule';
import type { z } from 'zod';
import type { ContractDoc, HouseholdDoc, ProjectDoc, RegistrationDoc, UnitDoc } from '../_runtime/documents';
import type { ServiceContext } from '../_runtime/handler';
import { maskIdNumber } from '../_runtime/mask';
import { recordAudit, type AllocationRepository } from './allocation.repository';
import { callerHousehold, unitView } from './registration.service';

type In<A extends keyof typeof allocationContract> = z.output<(typeof allocationContract)[A]['input']>;

/** The contract's digest binds the exact text and the exact signature image. */
const contractDigest = (textSha256: string, signatureSha256: string) =>
  sha256(`${textSha256}:${signatureSha256}`);
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The lease text, generated from the rules module's terms (Ulanqab Art. 21, 22, 27, 32, 38). */
function contractText(
  p: { household: HouseholdDoc; unit: UnitDoc; project: ProjectDoc; rentFen: number },
  term: { startDate: string; endDate: string; years: number; renewalDueBy: string },
): string {
  const exits = Object.values(EXIT_TRIGGER_LABELS)
    .map((label, i) => `（${i + 1}）${label}`)
    .join('\n');
  return [
    '公共租赁住房租赁合同',
    '',
    `出租人（甲方）：${p.project.name}公共租赁住房运营单位`,
    `承租人（乙方）：${p.household.headName}（身份证号 ${maskIdNumber(p.household.idNumber)}），家庭人口 ${p.household.size} 人`,
    '',
    `第一条 房屋：${p.project.name}（${p.project.address}）${p.unit.label}，建筑面积 ${p.unit.areaM2.toFixed(2)} 平方米，户型 ${p.unit.layout}。`,
    `第二条 租期：${term.years} 年，自 ${term.startDate} 起至 ${term.endDate} 止（${CLAUSE.U_ART21}：租赁期限一般为3-5年）。`,
    `第三条 租金：每月人民币 ${yuan(p.rentFen)} 元，低于同地段市场租金（市场租金 ${yuan(p.unit.monthlyRentFen)} 元/月），按家庭收入分档确定（${CLAUSE.U_ART21}、${CLAUSE.U_ART22}）。乙方应按月足额缴纳租金、水电费及物业服务费。`,
    `第四条 续租：租期届满需要续租的，乙方应于 ${term.renewalDueBy} 前（租期届满3个月前）提出续租申请，经审核符合条件的可续租（${CLAUSE.U_ART21}）。`,
    `第五条 使用：乙方不得改变房屋用途，不得擅自装修；确需装修的，应征得甲方同意（乌兰察布办法 第二十七条）。乙方不得转借、转租或擅自调换所承租住房（${CLAUSE.U_ART38}）。`,
    `第六条 维修：甲方负责房屋及配套设施的维修养护，乙方可通过小程序报修（乌兰察布办法 第二十六条）。`,
    `第七条 退出：有下列情形之一的，取消保障资格、收回住房（${CLAUSE.U_ART32}），其中违规行为须按市场价格补缴租金、处以罚款，且自退回住房之日起五年内不得再次申请（${CLAUSE.U_ART37}、${CLAUSE.U_ART38}）：`,
    exits,
    '第八条 本合同经乙方在线手写签名确认后生效，合同文本与签名的 SHA-256 摘要一并存档，可随时核验。',
  ].join('\n');
}

async function ownRegistration(repo: AllocationRepository, registrationId: string, ctx: ServiceContext) {
  const household = await callerHousehold(repo, ctx);
  const reg = await repo.registration(registrationId);
  if (!reg || reg.householdId !== household._id) throw new AppError('NOT_FOUND');
  return { household, reg };
}

async function view(repo: AllocationRepository, c: ContractDoc, ctx: ServiceContext): Promise<ContractView> {
  const term = leaseTerm(c.startDate, c.years, ctx.rt.policy);
  let digestMatches: boolean | null = null;
  if (c.status === 'signed' && c.signatureKey && c.digest) {
    const signature = await ctx.rt.storage.get(c.signatureKey);
    digestMatches =
      signature !== null &&
      sha256(c.text) === c.textSha256 &&
      contractDigest(sha256(c.text), sha256(signature)) === c.digest;
  }
  return {
    id: c._id,
    status: c.status,
    text: c.text,
    textSha256: c.textSha256,
    signatureSha256: c.signatureSha256,
    digest: c.digest,
    digestMatches,
    signedAt: c.signedAt,
    startDate: c.startDate,
    endDate: c.endDate,
    renewalOpensOn: term.ok ? term.value.renewalOpensOn : '',
    renewalDueBy: term.ok ? term.value.renewalDueBy : '',
  };
}

/** The contract for a selected unit: drafted once from the template, then shown as stored. */
export async function getContract(repo: AllocationRepository, input: In<'getContract'>, ctx: ServiceContext) {
  const { household, reg } = await ownRegistration(repo, input.registrationId, ctx);
  if (!reg.unitId || (reg.status !== 'selected' && reg.status !== 'signed')) {
    throw new AppError('STATE_INVALID', '选定房源后才能签订合同。');
  }
  const id = `c-${reg._id}`;
  const existing = await repo.contract(id);
  if (existing) return view(repo, existing, ctx);
  const unit = (await repo.unit(reg.unitId)) as UnitDoc;
  const project = (await repo.project(unit.projectId)) as ProjectDoc;
  const start = chinaDate(ctx.rt.now().getTime());
  const term = leaseTerm(start, ctx.rt.policy.lease.minTermYears, ctx.rt.policy);
  if (!term.ok) throw new AppError('RULE_VIOLATION', term.reasons.map((r) => r.message).join(' '));
  const rentFen = unitView(unit, '', household, ctx).monthlyRentFen;
  const text = contractText({ household, unit, project, rentFen }, term.value);
  const doc: Omit<ContractDoc, '_id'> = {
    registrationId: reg._id,
    householdId: household._id,
    unitId: unit._id,
    projectId: unit.projectId,
    status: 'draft',
    text,
    textSha256: sha256(text),
    startDate: term.value.startDate,
    endDate: term.value.endDate,
    years: term.value.years,
    monthlyRentFen: rentFen,
    signatureKey: null,
    signatureSha256: null,
    digest: null,
    signedAt: null,
    leaseId: null,
  };
  await ctx.rt.db.runTransaction(async (tx) => {
    const again = await tx.collection(COLLECTIONS.contracts).doc(id).get();
    if (again.data) return;
    await tx.collection(COLLECTIONS.contracts).doc(id).set(doc);
    await tx.collection(COLLECTIONS.registrations).doc(reg._id).update({ contractId: id });
    await recordAudit(tx, {
      entityType: 'contract',
      entityId: id,
      action: 'drafted',
      actorUserId: ctx.caller.user?._id ?? '',
      at: ctx.rt.now().toISOString(),
      detail: `生成合同，文本摘要 ${doc.textSha256}`,
    });
  });
  return view(repo, (await repo.contract(id)) as ContractDoc, ctx);
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * 签约: the tenant signs exactly the text they read (its SHA-256 must match), with a handwritten PNG. The
 * signature goes to storage; contract, registration, unit and a new lease change in one transaction.
 * Signing twice returns the signed contract.
 */
export async function signContract(
  repo: AllocationRepository,
  input: In<'signContract'>,
  ctx: ServiceContext,
) {
  const { reg } = await ownRegistration(repo, input.registrationId, ctx);
  const id = `c-${reg._id}`;
  const contract = await repo.contract(id);
  if (!contract) throw new AppError('STATE_INVALID', '请先阅读合同。');
  if (contract.status === 'signed') return view(repo, contract, ctx);
  if (contract.textSha256 !== input.textSha256) {
    throw new AppError('CONFLICT', '合同内容已更新，请重新阅读后再签名。');
  }
  const png = Buffer.from(input.signaturePngBase64, 'base64');
  if (png.length < 100 || png.length > 300_000 || !PNG_MAGIC.every((b, i) => png[i] === b)) {
    throw new AppError('INVALID_INPUT', '签名图片无效：请在签名区手写签名后再提交。');
  }
  const signatureSha256 = sha256(png);
  const signatureKey = `contracts/${id}/signature-${signatureSha256.slice(0, 16)}.png`;
  await ctx.rt.storage.put(signatureKey, png, 'image/png');
  const now = ctx.rt.now().toISOString();
  const leaseId = `l-${id}`;
  await ctx.rt.db.runTransaction(async (tx) => {
    const fresh = (await tx.collection(COLLECTIONS.contracts).doc(id).get()).data as ContractDoc | null;
    if (!fresh || fresh.status === 'signed') return;
    const r = (await tx.collection(COLLECTIONS.registrations).doc(reg._id).get())
      .data as RegistrationDoc | null;
    if (!r || r.status !== 'selected' || r.unitId !== fresh.unitId)
      throw new AppError('STATE_INVALID', '当前状态不能签约。');
    await tx
      .collection(COLLECTIONS.contracts)
      .doc(id)
      .update({
        status: 'signed',
        signatureKey,
        signatureSha256,
        digest: contractDigest(fresh.textSha256, signatureSha256),
        signedAt: now,
        leaseId,
      });
    await tx.collection(COLLECTIONS.registrations).doc(reg._id).update({ status: 'signed', updatedAt: now });
    await tx.collection(COLLECTIONS.units).doc(fresh.unitId).update({ status: 'occupied' });
    await tx.collection(COLLECTIONS.households).doc(fresh.householdId).update({ status: 'tenant' });
    if (ctx.caller.user) {
      await tx
        .collection(COLLECTIONS.users)
        .doc(ctx.caller.user._id)
        .update({ roles: ctx.rt.db.command.addToSet('tenant') });
    }
    await tx.collection(COLLECTIONS.leases).doc(leaseId).set({
      householdId: fresh.householdId,
      unitId: fresh.unitId,
      projectId: fresh.projectId,
      startDate: fresh.startDate,
      endDate: fresh.endDate,
      monthlyRentFen: fresh.monthlyRentFen,
      status: 'active',
      contractId: id,
    });
    await recordAudit(tx, {
      entityType: 'contract',
      entityId: id,
      action: 'signed',
      actorUserId: ctx.caller.user?._id ?? '',
      at: now,
      detail: `在线签约，签名摘要 ${signatureSha256}，合同摘要 ${contractDigest(fresh.textSha256, signatureSha256)}`,
    });
  });
  return view(repo, (await repo.contract(id)) as ContractDoc, ctx);
}
