import type { MyRegistration, RoundSummary } from '@shared/contracts';
import { commitSeed } from '@shared/rules/lottery.rule';
import type { LocalHost } from '../../cloudfunctions/_local/local-host';

/**
 * Two rounds of the demo district taken through the allocation function's own actions, as the housing office
 * and the applicants would (announce → register → close → draw → select → publish), for the pages that need
 * a round further on than the seed's (round-demo-hexie is still taking registrations). Nothing is written to
 * the database directly, so the lottery results, notices and audit trail are the functions' own:
 *
 * - 安居苑 2026 年第三批: announced three days ago; 轮候家庭 u-applicant-2 registered, was drawn and chose a unit;
 *   its one-day results notice has ended with no objection, so the lease awaits signing (page `contract`).
 * - 惠民家园 2026 年第三批: announced today; 轮候家庭 u-applicant registered and was drawn; its results notice
 *   runs for a week (pages `round-notice`, public while it runs, and `round`, whose objection form is open
 *   to anyone while it runs).
 * - 和谐新城 2026 年第三批: announced today; u-applicant registered; registration closed and the lottery drawn,
 *   nothing more (page `admin-round` with the drawn round's typed fields: seed and reason of a redraw, the
 *   selection window, the notice days). The seed's 和谐新城 第四批 (round-demo-hexie) stays open.
 * - 惠民家园 2026 年第四批: announced today; u-applicant registered and was drawn; selection has opened with
 *   its window first and open for the next hour, nothing chosen yet (page `select` and its 放弃本轮选房).
 *
 * `setOffset` moves the local host's clock (milliseconds from the world's time): the first round is run three
 * days back and the clock is put back to 0 before the second, so both are where they should be "today".
 */
const TITLE = '2026 年第三批公租房配租';
/** The drawn round's title names its project: the office's list of rounds shows titles only. */
export const DRAWN_TITLE = '和谐新城 2026 年第三批公租房配租';

const SEEDS = {
  signing: 'anju-demo-seed-2026-anju-batch3',
  notice: 'anju-demo-seed-2026-huimin-batch3',
  drawn: 'anju-demo-seed-2026-hexie-batch3',
  selecting: 'anju-demo-seed-2026-huimin-batch4',
};
/** The round in its results notice (round-notice, and the round page's objection form). */
export const NOTICE_TITLE = `惠民家园 ${TITLE}`;
/** The round in selection: the 选房 page's. */
export const SELECTING_TITLE = '惠民家园 2026 年第四批公租房配租';

export interface DemoRounds {
  /** The round whose notice has ended: u-applicant-2's chosen unit awaits signing. */
  signingRoundId: string;
  /** u-applicant-2's registration in it (the contract page's `registrationId`). */
  signingRegistrationId: string;
  /** The round whose results notice is running. */
  noticeRoundId: string;
  /** The round drawn and not yet taken further (和谐新城). */
  drawnRoundId: string;
  /** The round in selection, its one registrant's window open now (惠民家园 第四批). */
  selectingRoundId: string;
}

export async function addDemoRounds(host: LocalHost, setOffset: (ms: number) => void): Promise<DemoRounds> {
  const openidOf = (personaId: string) => {
    const p = host.personas.find((x) => x.id === personaId);
    if (!p) throw new Error(`no demo persona ${personaId}`);
    return p.openid;
  };
  const admin = openidOf('u-admin');
  const call = async <T>(openid: string, action: string, input: object): Promise<T> => {
    const res = await host.invoke('allocation', { action, ...input }, { openid });
    if (!res.ok) throw new Error(`allocation.${action}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const day = 86_400_000;

  const round = async (
    projectId: string,
    title: string,
    seed: string,
    applicant: string,
    /** `noticeDays` null: the round stops once drawn, or (`select` 'open') once its selection has opened. */
    opts: { select: boolean | 'open'; noticeDays: number | null },
  ) => {
    const clockNow = host.runtime.now().getTime();
    const r = await call<RoundSummary>(admin, 'createRound', {
      projectId,
      title,
      description:
        '面向城镇低保、分散供养特困人员和低收入住房困难家庭，按公告、登记、摇号、选房、公示、签约的程序配租。',
      registrationOpensAt: new Date(clockNow - 3_600_000).toISOString(),
      registrationClosesAt: new Date(clockNow + 2 * 3_600_000).toISOString(),
      eligibleCategories: ['dibao', 'tekun', 'low_income'],
      seedCommitment: commitSeed(seed),
    });
    const reg = await call<MyRegistration>(applicant, 'register', { roundId: r.id });
    await call(admin, 'closeRegistration', { roundId: r.id });
    await call(admin, 'runLottery', { roundId: r.id, seed });
    if (opts.noticeDays === null && !opts.select) return { roundId: r.id, registrationId: reg.id };
    if (opts.select) {
      await call(admin, 'openSelection', {
        roundId: r.id,
        startsAt: new Date(clockNow).toISOString(),
        windowMinutes: 60,
      });
      if (opts.select === 'open') return { roundId: r.id, registrationId: reg.id };
      const units = await call<{ id: string }[]>(applicant, 'availableUnits', { roundId: r.id });
      const first = units[0];
      if (!first) throw new Error(`no unit to choose in ${projectId}`);
      await call(applicant, 'selectUnit', { roundId: r.id, unitId: first.id });
    }
    await call(admin, 'publishResults', { roundId: r.id, noticeDays: opts.noticeDays });
    return { roundId: r.id, registrationId: reg.id };
  };

  setOffset(-3 * day);
  let signing: { roundId: string; registrationId: string };
  try {
    signing = await round('p-anju', TITLE, SEEDS.signing, openidOf('u-applicant-2'), {
      select: true,
      noticeDays: 1,
    });
  } finally {
    setOffset(0);
  }
  const notice = await round('p-huimin', NOTICE_TITLE, SEEDS.notice, openidOf('u-applicant'), {
    select: false,
    noticeDays: 7,
  });
  const drawn = await round('p-hexie', DRAWN_TITLE, SEEDS.drawn, openidOf('u-applicant'), {
    select: false,
    noticeDays: null,
  });
  const selecting = await round('p-huimin', SELECTING_TITLE, SEEDS.selecting, openidOf('u-applicant'), {
    select: 'open',
    noticeDays: null,
  });
  return {
    selectingRoundId: selecting.roundId,
    signingRoundId: signing.roundId,
    signingRegistrationId: signing.registrationId,
    noticeRoundId: notice.roundId,
    drawnRoundId: drawn.roundId,
  };
}
