import { COLLECTIONS } from '../../shared/collections';
import type { RoundSummary } from '../../shared/contracts';
import { commitSeed } from '../../shared/rules/lottery.rule';
import type { RegistrationDoc } from '../../cloudfunctions/_runtime/documents';
import { addEligibleApplicants, type Applicant } from './applicant.factory';
import { addProject, addUser, type TestHost, type TestUser } from './scenario.factory';

export const ROUND_SEED = 'wuchang-2026-round-seed-7f3a';

/** How far the round has gone: each stage is reached through the allocation function's own actions. */
export const ROUND_STAGES = [
  'announced',
  'registered',
  'closed',
  'drawn',
  'selecting',
  'publicized',
] as const;
export type RoundStage = (typeof ROUND_STAGES)[number];

export interface RoundScenario {
  admin: TestUser;
  projectId: string;
  /** The round's vacant units, in label order. */
  unitIds: string[];
  round: RoundSummary;
  /** Eligible households with their WeChat users; registered from stage `registered` on. */
  applicants: Applicant[];
}

/**
 * A project (`p-round`, `floors` × `perFloor` vacant units), the housing office (`wx-u-admin`), `applicants`
 * eligible households (a third 低保, the rest 低收入), and a round announced now with the commitment of
 * `ROUND_SEED`, taken to `stage`: registered (everyone registers), closed, drawn (with ROUND_SEED),
 * selecting (windows of `windowMinutes` from now, in lottery order), publicized (7-day notice). With
 * `selected`, that many households, in lottery order, each choose a unit (in label order) in their own
 * window before the results are published; the clock moves a window on for each after the first.
 */
export async function roundScenario(
  t: TestHost,
  opts: {
    stage: RoundStage;
    applicants?: number;
    floors?: number;
    perFloor?: number;
    windowMinutes?: number;
    selected?: number;
  },
): Promise<RoundScenario> {
  const admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '赵磊' });
  const project = await addProject(t.db, {
    id: 'p-round',
    name: '测试家园',
    floors: opts.floors ?? 2,
    perFloor: opts.perFloor ?? 3,
  });
  const applicants = await addEligibleApplicants(t.db, opts.applicants ?? 9);
  const call = (action: string, input: object) => t.call('allocation', admin.openid, action, input);
  const now = t.clock.now().getTime();
  const created = await call('createRound', {
    projectId: project.projectId,
    title: '2026年第四批公租房配租',
    description: '面向低保、低收入住房困难家庭。',
    registrationOpensAt: new Date(now - 3_600_000).toISOString(),
    registrationClosesAt: new Date(now + 9 * 86_400_000).toISOString(),
    eligibleCategories: ['dibao', 'tekun', 'low_income'],
    seedCommitment: commitSeed(ROUND_SEED),
  });
  if (!created.ok) throw new Error(`createRound: ${JSON.stringify(created.error)}`);
  let round = created.data as RoundSummary;
  const reached = (s: RoundStage) => ROUND_STAGES.indexOf(opts.stage) >= ROUND_STAGES.indexOf(s);
  const step = async (action: string, input: object) => {
    const res = await call(action, { roundId: round.id, ...input });
    if (!res.ok) throw new Error(`${action}: ${JSON.stringify(res.error)}`);
    round = res.data as RoundSummary;
  };
  if (reached('registered')) {
    for (const a of applicants) {
      const r = await t.call('allocation', a.openid, 'register', { roundId: round.id });
      if (!r.ok) throw new Error(`register: ${JSON.stringify(r.error)}`);
    }
  }
  if (reached('closed')) await step('closeRegistration', {});
  if (reached('drawn')) await step('runLottery', { seed: ROUND_SEED });
  if (reached('selecting'))
    await step('openSelection', {
      startsAt: t.clock.now().toISOString(),
      windowMinutes: opts.windowMinutes ?? 30,
    });
  if (reached('selecting') && opts.selected) {
    const regs = await registrationsInTurn(t, round.id);
    const unitIds = project.units.map((u) => u._id).sort();
    for (let i = 0; i < opts.selected; i++) {
      if (i > 0) t.clock.advance((opts.windowMinutes ?? 30) * 60_000);
      const who = applicants.find((a) => a.householdId === regs[i]!.householdId)!;
      const r = await t.call('allocation', who.openid, 'selectUnit', {
        roundId: round.id,
        unitId: unitIds[i],
      });
      if (!r.ok) throw new Error(`selectUnit: ${JSON.stringify(r.error)}`);
    }
  }
  if (reached('publicized')) await step('publishResults', { noticeDays: 7 });
  return {
    admin,
    projectId: project.projectId,
    unitIds: project.units.map((u) => u._id).sort(),
    round,
    applicants,
  };
}

/** The round's registrations in lottery order (turn 1 first; unranked last). */
export async function registrationsInTurn(t: TestHost, roundId: string): Promise<RegistrationDoc[]> {
  const regs = await t.all<RegistrationDoc>(COLLECTIONS.registrations, { roundId });
  return regs.sort((a, b) => (a.window?.turn ?? 1e9) - (b.window?.turn ?? 1e9));
}

/** The applicant behind a registration. */
export function applicantOf(s: RoundScenario, reg: RegistrationDoc): Applicant {
  const a = s.applicants.find((x) => x.householdId === reg.householdId);
  if (!a) throw new Error(`no applicant for ${reg._id}`);
  return a;
}
