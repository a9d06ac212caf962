import { sha256 } from '../_runtime/ids';
import type { ContractView } from '@shared/contracts';
import { AppError } from '@shared/errors';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { cite, citeAll } from '@shared/policy/sources';
import { chinaDate, dateInWords } from '@shared/rules/dates';
import { exitTriggerLabels } from '@shared/rules/exit.rule';
import { leaseTerm, renewalDates, type LeaseTerm } from '@shared/rules/lease.rule';
import { checkSigningOpen } from '@shared/rules/signing.rule';
import { found } from '../_runtime/access';
import type { ContractDoc, HouseholdDoc, ProjectDoc, RegistrationDoc, UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import { isMissingFile } from '../_runtime/storage.port';
import {
  readUploads,
  recordUploads,
  releaseUploads,
  sniffSignature,
  type UploadedFile,
} from '../_runtime/uploads';
import type { AllocationRepository } from './allocation.repository';
import { claimHold, heldUnit, refuseIfHolding } from './household-hold';
import { pendingObjections } from './objection.service';
import { callerHousehold, policyToday, unitView } from './registration.service';

/** The contract's digest binds the exact text and the exact signature image. */
export const contractDigest = (textSha256: string, signatureSha256: string) =>
  sha256(`${textSha256}:${signatureSha256}`);

/**
 * Whether a signed contract still matches its digest: the stored signature is read back through its file
 * ID (a missing one fails the check) and hashed with the stored text. `null` while it is not signed.
 */
export async function signedDigestMatches(c: ContractDoc, ctx: ServiceContext): Promise<boolean | null> {
  if (c.status !== 'signed' || !c.signatureFileId || !c.digest) return null;
  let signature: Uint8Array | null = null;
  try {
    signature = await ctx.rt.storage.download(c.signatureFileId);
  } catch (err) {
    if (!isMissingFile(err)) throw err;
  }
  return (
    signature !== null &&
    sha256(c.text) === c.textSha256 &&
    contractDigest(sha256(c.text), sha256(signature)) === c.digest
  );
}
const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * The lease text, generated from the rules module's terms. Every clause reference is the policy in force
 * (`cite`): a district cites its own document, or names its setting where its document is silent, so a
 * Wuchang tenant never reads another city's measures.
 */
export function contractText(
  p: { household: HouseholdDoc; unit: UnitDoc; project: ProjectDoc; rentFen: number },
  term: Pick<LeaseTerm, 'startDate' | 'endDate' | 'years' | 'renewalDueBy' | 'renewalOpensOn'>,
  policy: PolicyPreset,
): string {
  const labels = exitTriggerLabels(policy);
  const exits = Object.values(labels)
    .map((label, i) => `（${i + 1}）${label}`)
    .join('\n');
  const opens = term.renewalOpensOn
    ? `续租申请自 ${dateInWords(term.renewalOpensOn)} 起受理（${cite(policy, 'lease.renewalOpening')}）。`
    : '';
  return [
    '公共租赁住房租赁合同',
    '',
    `出租人（甲方）：${p.project.name}公共租赁住房运营单位`,
    `承租人（乙方）：${p.household.headName}（身份证号 ${p.household.idNumberMasked}），家庭人口 ${p.household.size} 人`,
    '',
    `第一条 房屋：${p.project.name}（${p.project.address}）${p.unit.label}，建筑面积 ${p.unit.areaM2.toFixed(2)} 平方米，户型 ${p.unit.layout}。`,
    `第二条 租期：${term.years} 年，自 ${dateInWords(term.startDate)} 起至 ${dateInWords(term.endDate)} 止（${cite(policy, 'lease.term')}）。`,
    `第三条 租金：每月人民币 ${yuan(p.rentFen)} 元，低于同地段市场租金（市场租金 ${yuan(p.unit.monthlyRentFen)} 元/月），按家庭收入分档确定（${citeAll(policy, ['rent.belowMarket', 'rent.tiers'])}）。乙方应按月足额缴纳租金、水电费及物业服务费。`,
    `第四条 续租：租期届满需要续租的，乙方应于 ${dateInWords(term.renewalDueBy)} 前（租期届满${policy.lease.renewalNoticeMonths}个月前）提出续租申请，经审核符合条件的可续租（${cite(policy, 'lease.renewal')}）。${opens}`,
    `第五条 使用：乙方不得改变房屋用途，不得擅自装修；确需装修的，应征得甲方同意（${cite(policy, 'lease.use')}）。乙方不得转借、转租或擅自调换所承租住房（${cite(policy, 'exit.sublet')}）。`,
    `第六条 维修：甲方负责房屋及配套设施的维修养护，乙方可通过小程序报修（${cite(policy, 'repair.service')}）。`,
    `第七条 退出：有下列情形之一的，取消保障资格、收回住房（${cite(policy, 'exit.disqualification')}），其中违规行为须按市场价格补缴租金、处以罚款，且自退回住房之日起${policy.exit.reapplyBanYears}年内不得再次申请（${citeAll(policy, ['exit.backPay', 'exit.reapplyBan'])}）：`,
    exits,
    '第八条 本合同经乙方在线手写签名确认后生效，合同文本与签名的 SHA-256 摘要一并存档，可随时核验。',
  ].join('\n');
}

/**
 * 选房 → 公示 → 签约: whether the household of `reg` may sign today (China date), from its round's results
 * notice and the pending objections (`checkSigningOpen`). Null when it may; otherwise the Chinese refusal
 * naming why, from when, and each citation.
 */
async function signingRefusal(
  repo: AllocationRepository,
  reg: RegistrationDoc,
  ctx: ServiceContext,
): Promise<string | null> {
  const round = await repo.round(reg.roundId);
  const pending = round ? await pendingObjections(repo, round._id) : [];
  const decision = checkSigningOpen(
    {
      noticeEndsOn: round?.status === 'publicized' ? round.noticeEndsOn : null,
      pendingAgainstHousehold: pending.filter((o) => o.registrationId === reg._id).length,
      pendingUnnamed: pending.filter((o) => !o.registrationId).length,
      pendingAgainstOthers: pending.filter((o) => o.registrationId && o.registrationId !== reg._id).length,
    },
    chinaDate(ctx.rt.now().getTime()),
    ctx.rt.policy,
  );
  return decision.ok ? null : decision.reasons.map((r) => `${r.message}（${r.clause}）`).join(' ');
}

async function ownRegistration(repo: AllocationRepository, registrationId: string, ctx: ServiceContext) {
  const household = await callerHousehold(repo, ctx);
  const reg = found(await repo.registration(registrationId), (r) => r.householdId === household._id);
  return { household, reg };
}

async function view(
  repo: AllocationRepository,
  c: ContractDoc,
  ctx: ServiceContext,
  reg: RegistrationDoc,
): Promise<ContractView> {
  const renewal = renewalDates(c.endDate, ctx.rt.policy);
  const digestMatches = await signedDigestMatches(c, ctx);
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
    renewalOpensOn: renewal.renewalOpensOn,
    renewalDueBy: renewal.renewalDueBy,
    renewalClause: [renewal.dueClause, renewal.opensClause].filter(Boolean).join('；'),
    signingNotice: c.status === 'signed' ? null : await signingRefusal(repo, reg, ctx),
  };
}

/**
 * Drafts a lease contract — a round's (签约), a renewal's (续租) or a vacancy offer's (空置房源配租) — the one
 * place the three draft: the term from `start` for `years` under the lease rules (refused with the clause
 * when outside them), the unit's rent for the household under the policy in force today, the template's
 * text and its SHA-256. The caller stores it in its own transaction with its own audit entry.
 */
export async function draftContract(
  repo: AllocationRepository,
  ctx: ServiceContext,
  a: {
    household: HouseholdDoc;
    unit: UnitDoc;
    project: ProjectDoc;
    /** The term's first day: today (China date) when left out. */
    start?: string;
    /** The term: the policy's shortest when left out. */
    years?: number;
    registrationId: string;
    leaseId: string | null;
    kind?: 'renewal' | 'offer';
    sourceId?: string;
  },
): Promise<Omit<ContractDoc, '_id'>> {
  const policy = ctx.rt.policy;
  const start = a.start ?? chinaDate(ctx.rt.now().getTime());
  const term = leaseTerm(start, a.years ?? policy.lease.minTermYears, policy);
  if (!term.ok)
    throw new AppError('RULE_VIOLATION', term.reasons.map((r) => `${r.message}（${r.clause}）`).join(' '));
  const rentFen = unitView(a.unit, '', a.household, await policyToday(repo, ctx)).monthlyRentFen;
  const text = contractText(
    { household: a.household, unit: a.unit, project: a.project, rentFen },
    term.value,
    policy,
  );
  return {
    registrationId: a.registrationId,
    householdId: a.household._id,
    unitId: a.unit._id,
    projectId: a.unit.projectId,
    status: 'draft',
    text,
    textSha256: sha256(text),
    startDate: term.value.startDate,
    endDate: term.value.endDate,
    years: term.value.years,
    monthlyRentFen: rentFen,
    signatureFileId: null,
    signatureSha256: null,
    digest: null,
    signedAt: null,
    leaseId: a.leaseId,
    ...(a.kind ? { kind: a.kind, sourceId: a.sourceId ?? a.registrationId } : {}),
  };
}

/** The contract for a selected unit: drafted once from the template, then shown as stored. */
export async function getContract(
  repo: AllocationRepository,
  input: In<'allocation', 'getContract'>,
  ctx: ServiceContext,
) {
  const { household, reg } = await ownRegistration(repo, input.registrationId, ctx);
  if (!reg.unitId || (reg.status !== 'selected' && reg.status !== 'signed')) {
    throw new AppError('STATE_INVALID', '选定房源后才能签订合同。');
  }
  const id = `c-${reg._id}`;
  const existing = await repo.contract(id);
  if (existing) return view(repo, existing, ctx, reg);
  const unit = (await repo.unit(reg.unitId)) as UnitDoc;
  const project = (await repo.project(unit.projectId)) as ProjectDoc;
  const doc = await draftContract(repo, ctx, {
    household,
    unit,
    project,
    registrationId: reg._id,
    leaseId: null,
  });
  await repo.runInTransaction(async (t) => {
    if (await t.contract(id)) return;
    await t.setContract(id, doc);
    await t.updateRegistration(reg._id, { contractId: id });
    await t.recordAudit({
      entityType: 'contract',
      entityId: id,
      action: 'drafted',
      actorUserId: ctx.caller.user?._id ?? '',
      at: ctx.rt.now().toISOString(),
      detail: `生成合同，文本摘要 ${doc.textSha256}`,
    });
  });
  return view(repo, (await repo.contract(id)) as ContractDoc, ctx, reg);
}

/**
 * 签约: the tenant signs exactly the text they read (its SHA-256 must match), with a handwritten PNG, and
 * only once the results notice has ended with no objection holding the household (选房 → 公示 → 签约,
 * `checkSigningOpen`; refused in Chinese with why and from when), and only while the household holds no
 * other unit (一户一套: the transaction turns its hold from this selection into the lease,
 * `household-hold.ts`). The signature goes to storage; contract, registration, unit, the hold and a new
 * lease change in one transaction. Signing twice returns the signed contract.
 */
export async function signContract(
  repo: AllocationRepository,
  input: In<'allocation', 'signContract'>,
  ctx: ServiceContext,
) {
  const { reg } = await ownRegistration(repo, input.registrationId, ctx);
  const id = `c-${reg._id}`;
  const contract = await repo.contract(id);
  if (!contract) throw new AppError('STATE_INVALID', '请先阅读合同。');
  if (contract.status === 'signed') return view(repo, contract, ctx, reg);
  // The signature the tenant uploaded (uploads/<openid>/signature/…): a PNG of at most 300 KB, checked
  // before anything is written.
  const [upload] = await readUploads(
    ctx.rt,
    ctx.caller.openid,
    'signature',
    [input.signatureFileId],
    sniffSignature,
  );
  const png = (upload as UploadedFile).bytes;
  const refusal = await signingRefusal(repo, reg, ctx);
  if (refusal) throw new AppError('STATE_INVALID', `暂不能签约：${refusal}`);
  if (contract.textSha256 !== input.textSha256) {
    throw new AppError('CONFLICT', '合同内容已更新，请重新阅读后再签名。');
  }
  const leaseId = `l-${id}`;
  await refuseIfHolding(repo, reg.householdId, [reg._id, leaseId], ctx);
  const unit = (await repo.unit(contract.unitId)) as UnitDoc;
  const projectName = (await repo.project(contract.projectId))?.name ?? '';
  const signatureSha256 = sha256(png);
  const [signatureFileId] = await recordUploads(
    ctx.rt,
    [upload as UploadedFile],
    () => `contracts/${id}/signature-${signatureSha256.slice(0, 16)}.png`,
  );
  const now = ctx.rt.now().toISOString();
  await repo.runInTransaction(async (t) => {
    const fresh = await t.contract(id);
    if (!fresh || fresh.status === 'signed') return;
    const r = await t.registration(reg._id);
    if (!r || r.status !== 'selected' || r.unitId !== fresh.unitId)
      throw new AppError('STATE_INVALID', '当前状态不能签约。');
    await claimHold(t, fresh.householdId, heldUnit('lease', leaseId, unit, projectName), ctx, reg._id);
    await t.updateContract(id, {
      status: 'signed',
      signatureFileId,
      signatureSha256,
      digest: contractDigest(fresh.textSha256, signatureSha256),
      signedAt: now,
      leaseId,
    });
    await t.updateRegistration(reg._id, { status: 'signed', updatedAt: now });
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
    await t.recordAudit({
      entityType: 'contract',
      entityId: id,
      action: 'signed',
      actorUserId: ctx.caller.user?._id ?? '',
      at: now,
      detail: `在线签约，签名摘要 ${signatureSha256}，合同摘要 ${contractDigest(fresh.textSha256, signatureSha256)}`,
    });
  });
  await releaseUploads(ctx.rt, [upload as UploadedFile]);
  return view(repo, (await repo.contract(id)) as ContractDoc, ctx, reg);
}
