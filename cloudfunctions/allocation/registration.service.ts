import type { MyRegistration, UnitView } from '@shared/contracts';
import { REGISTRATION_STATUS_LABELS } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { checkEligibility } from '@shared/rules/eligibility.rule';
import { HOUSEHOLD_CATEGORY_LABELS } from '@shared/rules/household';
import { verificationCommand } from '@shared/rules/lottery.rule';
import { priorityTier, tierLabel, type PriorityTier } from '@shared/rules/priority.rule';
import { quoteRentFromMarket } from '@shared/rules/rent.rule';
import { moneyRefusal } from '@shared/rules/district-settings.rule';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { hasRole } from '../_runtime/access';
import type { HouseholdDoc, RegistrationDoc, RoundDoc, UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';
import { summarizeRound } from './round.service';

export function monthlyIncomePerPerson(h: HouseholdDoc): number {
  return Math.round(h.annualIncomeFen / 12 / h.size);
}

/** The caller's household; everything here acts for it only (docs/conventions.md §5). */
export async function callerHousehold(
  repo: AllocationRepository,
  ctx: ServiceContext,
): Promise<HouseholdDoc> {
  const id = ctx.caller.user?.householdId;
  const household = id ? await repo.household(id) : null;
  if (!household) throw new AppError('NOT_FOUND', '您还没有登记的家庭信息，请先完成保障资格申请。');
  return household;
}

/** The policy in force today (the district's saved version over the preset) for rent quotes. */
export async function policyToday(repo: AllocationRepository, ctx: ServiceContext): Promise<PolicyPreset> {
  return repo.policyOn(ctx.rt.policy, chinaDate(ctx.rt.now().getTime()));
}

/**
 * A unit as a household sees it: with the household, its rent quoted under `policy` (the policy in force,
 * `policyToday`), which refuses while the values the quote rests on are still examples.
 */
export function unitView(
  unit: UnitDoc,
  buildingName: string,
  household: HouseholdDoc | null,
  policy: PolicyPreset,
): UnitView {
  const refusal = household ? moneyRefusal(policy, 'rentQuote') : null;
  if (refusal) throw new AppError('RULE_VIOLATION', refusal);
  const rent = household
    ? quoteRentFromMarket(
        unit.monthlyRentFen,
        { monthlyIncomePerPersonFen: monthlyIncomePerPerson(household) },
        policy,
      ).monthlyRentFen
    : unit.monthlyRentFen;
  return {
    id: unit._id,
    label: unit.label,
    buildingName,
    floor: unit.floor,
    areaM2: unit.areaM2,
    layout: unit.layout,
    orientation: unit.orientation,
    monthlyRentFen: rent,
    marketRentFen: unit.monthlyRentFen,
  };
}

export async function registrationView(
  repo: AllocationRepository,
  reg: RegistrationDoc,
  ctx: ServiceContext,
  round?: RoundDoc | null,
): Promise<MyRegistration> {
  const r = round ?? (await repo.round(reg.roundId));
  const project = r ? await repo.project(r.projectId) : null;
  const household = await repo.household(reg.householdId);
  const unit = reg.unitId ? await repo.unit(reg.unitId) : null;
  const building = unit ? await repo.building(unit.buildingId) : null;
  const lottery =
    reg.lottery && r?.seed && r.algorithm && r.inputDigest
      ? {
          tierRank: reg.lottery.tierRank,
          tierTotal: await repo.countRegistrations(reg.roundId, { tier: reg.tier }),
          overallRank: reg.lottery.overallRank,
          total: await repo.countRegistrations(reg.roundId),
          score: reg.lottery.score,
          seed: r.seed,
          algorithm: r.algorithm,
          inputDigest: r.inputDigest,
          verifyCommand: verificationCommand(r.seed, reg._id),
        }
      : null;
  return {
    id: reg._id,
    roundId: reg.roundId,
    roundTitle: r?.title ?? '',
    projectName: project?.name ?? '',
    status: reg.status,
    statusLabel: REGISTRATION_STATUS_LABELS[reg.status],
    tier: reg.tier,
    tierLabel: tierLabel(reg.tier as PriorityTier, ctx.rt.policy),
    lottery,
    window: reg.window
      ? {
          turn: reg.window.turn,
          opensAt: new Date(reg.window.opensAt).toISOString(),
          closesAt: new Date(reg.window.closesAt).toISOString(),
          serverNow: ctx.rt.now().toISOString(),
        }
      : null,
    unit: unit ? unitView(unit, building?.name ?? '', household, await policyToday(repo, ctx)) : null,
    contractId: reg.contractId,
  };
}

/** Every round, newest announcement first (ids are not in creation order). */
export async function listRounds(repo: AllocationRepository) {
  const rounds = (await repo.rounds()).sort(
    (a, b) =>
      (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0) || (a._id < b._id ? -1 : 1),
  );
  return Promise.all(rounds.map((r) => summarizeRound(repo, r)));
}

/**
 * 登记 (Wuchang 2(2)3). The server decides eligibility (Ulanqab Art. 10–12, 37, 38) from the household's
 * verified facts, whatever the page previewed; one registration per household per round, so a retry
 * returns the same registration.
 */
export async function register(
  repo: AllocationRepository,
  input: In<'allocation', 'register'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const round = await repo.round(input.roundId);
  if (!round) throw new AppError('NOT_FOUND', '未找到该配租公告。');
  const id = `${round._id}-${household._id}`;
  const existing = await repo.registration(id);
  if (existing) return registrationView(repo, existing, ctx, round);

  const now = ctx.rt.now();
  if (
    round.status !== 'announced' ||
    now.toISOString() < round.registrationOpensAt ||
    now.toISOString() > round.registrationClosesAt
  ) {
    throw new AppError('STATE_INVALID', '不在报名时间内。');
  }
  if (!round.eligibleCategories.includes(household.category)) {
    throw new AppError(
      'RULE_VIOLATION',
      `本次配租不面向“${HOUSEHOLD_CATEGORY_LABELS[household.category]}”。`,
    );
  }
  const eligibility = checkEligibility(
    {
      category: household.category,
      applicantBirthDate: household.applicantBirthDate,
      members: household.size,
      monthlyIncomePerPersonFen: monthlyIncomePerPerson(household),
      ownedHomeAreaM2: household.ownedHomeAreaM2,
      employmentMonths: household.employmentMonths,
      rentsLowRentUnit: household.rentsLowRentUnit,
      publicRentalUnits: await repo.countActiveLeases(household._id),
      lastDisqualifiedOn: household.lastDisqualifiedOn,
    },
    // The district's income line in force today (its saved version over the preset).
    await policyToday(repo, ctx),
    now.toISOString().slice(0, 10),
  );
  if (!eligibility.eligible) {
    throw new AppError(
      'RULE_VIOLATION',
      eligibility.reasons.map((r) => `${r.message}（${r.clause}）`).join(' '),
    );
  }
  const doc: RegistrationDoc = {
    _id: id,
    roundId: round._id,
    projectId: round.projectId,
    householdId: household._id,
    userId: ctx.caller.user?._id ?? '',
    status: 'registered',
    tier: priorityTier({ category: household.category, ...household.priority }, ctx.rt.policy),
    lottery: null,
    window: null,
    unitId: null,
    contractId: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await repo.runInTransaction(async (t) => {
    if (await t.registration(id)) return;
    const { _id: _omit, ...body } = doc;
    await t.setRegistration(id, body);
    await t.recordAudit({
      entityType: 'registration',
      entityId: id,
      action: 'registered',
      actorUserId: doc.userId,
      at: doc.createdAt,
      detail: `报名“${round.title}”，优先层级：${tierLabel(doc.tier as PriorityTier, ctx.rt.policy)}`,
    });
  });
  return registrationView(repo, (await repo.registration(id)) ?? doc, ctx, round);
}

export async function myRegistrations(repo: AllocationRepository, ctx: ServiceContext) {
  const id = ctx.caller.user?.householdId;
  if (!id) return [];
  const regs = await repo.registrationsOfHousehold(id);
  return Promise.all(regs.map((r) => registrationView(repo, r, ctx)));
}

/** Units still free in a round, priced for the caller's household (polled by the selection page). */
export async function availableUnits(
  repo: AllocationRepository,
  input: In<'allocation', 'availableUnits'>,
  ctx: ServiceContext,
) {
  const round = await repo.round(input.roundId);
  if (!round) throw new AppError('NOT_FOUND', '未找到该配租轮次。');
  let household: HouseholdDoc | null = null;
  if (!hasRole(ctx, 'admin')) {
    household = await callerHousehold(repo, ctx);
    if (!(await repo.registration(`${round._id}-${household._id}`)))
      throw new AppError('NOT_FOUND', '您没有参加本轮配租。');
  }
  if (round.status !== 'selecting') return [];
  const units = (await repo.unitsByIds(round.unitIds)).filter((u) => u.status === 'vacant');
  const names = new Map<string, string>();
  for (const u of units) {
    if (!names.has(u.buildingId)) names.set(u.buildingId, (await repo.building(u.buildingId))?.name ?? '');
  }
  const policy = await policyToday(repo, ctx);
  return units
    .sort((a, b) => (a.label < b.label ? -1 : 1))
    .map((u) => unitView(u, names.get(u.buildingId) ?? '', household, policy));
}
