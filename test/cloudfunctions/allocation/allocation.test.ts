import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import type { MyRegistration, RoundSummary } from '@shared/contracts';
import { commitSeed } from '@shared/rules/lottery.rule';
import type { RegistrationDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import {
  applicantOf,
  registrationsInTurn,
  ROUND_SEED,
  roundScenario,
} from '../../factories/allocation.scenario';
import { addEligibleApplicants } from '../../factories/applicant.factory';
import { makeSignaturePng } from '../../factories/png.factory';
import { addProject, addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';
import { openExport } from '../../factories/export.factory';

jest.setTimeout(120_000);

const START = '2026-12-01T01:00:00Z';
const ADMIN = 'wx-u-admin';

function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
}
const HEADER = ['楼栋', '房号', '楼层', '面积', '户型', '朝向', '市场租金'];

/**
 * 项目公告 → 登记 → 摇号 → 选房 → 公示 → 签约 (Wuchang 2(2)3). Every test opens its own empty host and takes
 * a round of its own to the stage it is about (test/factories/allocation.scenario.ts).
 */
/** The admin's own upload of an import sheet, as the admin page sends it. */
let uploadSheet: (bytes: Buffer, ext?: string) => Promise<string>;

describe('allocation: announce → register → lottery → select → publicise → sign', () => {
  let t: TestHost;
  const call = (openid: string | null, action: string, input: object = {}) =>
    t.call('allocation', openid, action, input);

  beforeEach(async () => {
    t = await openTestHost(START);
    uploadSheet = (bytes, ext = 'csv') => t.upload(ADMIN, 'unit-sheet', bytes, ext);
  });
  afterEach(() => t.close());

  it('the housing office creates a project and imports 50 units; a bad sheet imports nothing and names each bad row', async () => {
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    const created = await call(ADMIN, 'createProject', {
      name: '测试家园',
      address: '武昌区测试路 1 号',
      buildings: [
        { name: 'A栋', floors: 10, highRise: true },
        { name: 'B栋', floors: 10, highRise: true },
      ],
    });
    expect(created.ok).toBe(true);
    const projectId = created.data.id;

    const bad = await call(ADMIN, 'importUnits', {
      projectId,
      fileName: 'units.csv',
      fileId: await uploadSheet(
        csv([
          HEADER,
          ['A栋', '101', '1', '45', '一室一厅', '南', '1200'],
          ['C栋', '101', '1', '45', '一室一厅', '南', '1200'],
          ['A栋', '102', '99', '5', '', '南', '-3'],
        ]),
      ),
    });
    expect(bad.ok).toBe(true);
    expect(bad.data.imported).toBe(0);
    expect(bad.data.rowErrors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect(bad.data.rowErrors[0].message).toContain('楼栋“C栋”不存在');
    expect(bad.data.rowErrors[1].message).toMatch(/楼层.*面积.*市场租金/);
    expect(await t.count(COLLECTIONS.units, { projectId })).toBe(0);

    const rows = [HEADER];
    for (let i = 0; i < 50; i++) {
      rows.push([
        i < 25 ? 'A栋' : 'B栋',
        `${1 + Math.floor((i % 25) / 3)}0${(i % 3) + 1}`,
        String(1 + Math.floor((i % 25) / 3)),
        String(38 + (i % 11)),
        '两室一厅',
        '南',
        String(1000 + i * 10),
      ]);
    }
    const good = await call(ADMIN, 'importUnits', {
      projectId,
      fileName: 'units.csv',
      fileId: await uploadSheet(csv(rows)),
    });
    expect(good.data).toMatchObject({ imported: 50, rowErrors: [] });
    expect(good.data.mix.ok).toBe(true);
    expect(await t.count(COLLECTIONS.units, { projectId, status: 'vacant' })).toBe(50);
  });

  it('imports the same columns from an .xlsx sheet', async () => {
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    const created = await call(ADMIN, 'createProject', {
      name: '测试家园',
      address: '武昌区测试路 1 号',
      buildings: [{ name: 'B栋', floors: 12, highRise: true }],
    });
    const projectId = created.data.id as string;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('房源');
    sheet.addRow(HEADER);
    sheet.addRow(['B栋', '1001', 10, 47.5, '两室一厅', '南北通透', 1300]);
    const fileId = await uploadSheet(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    const res = await call(ADMIN, 'importUnits', { projectId, fileName: '房源.xlsx', fileId });
    expect(res.data).toMatchObject({ imported: 1, rowErrors: [] });
    const [unit] = await t.all<UnitDoc>(COLLECTIONS.units, { projectId });
    expect(unit).toMatchObject({
      label: 'B栋-1001',
      floor: 10,
      areaM2: 47.5,
      orientation: '南北通透',
      monthlyRentFen: 130000,
      status: 'vacant',
    });
  });

  it('lists the projects with their units and vacancies, for the housing office only', async () => {
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    await addProject(t.db, { id: 'p-a', name: '甲家园', floors: 2, perFloor: 3, tenants: 4 });
    await addProject(t.db, { id: 'p-b', name: '乙家园', floors: 1, perFloor: 2, tenants: 0 });
    const list = await call(ADMIN, 'listProjects');
    expect(
      (list.data as { id: string; name: string; units: number; vacant: number }[])
        .map(({ id, name, units, vacant }) => ({ id, name, units, vacant }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    ).toEqual([
      { id: 'p-a', name: '甲家园', units: 6, vacant: 2 },
      { id: 'p-b', name: '乙家园', units: 2, vacant: 2 },
    ]);
    expect((await call('wx-p-a-t1', 'listProjects')).error.code).toBe('NOT_FOUND');
  });

  it('only the housing office may run the procedure (refusals write nothing)', async () => {
    await addProject(t.db, { id: 'p-a', tenants: 1 });
    const tenant = 'wx-p-a-t1';
    const res = await call(tenant, 'createRound', {
      projectId: 'p-a',
      title: 'x',
      description: 'x',
      registrationOpensAt: '2026-12-01T00:00:00Z',
      registrationClosesAt: '2026-12-10T00:00:00Z',
      eligibleCategories: ['dibao'],
      seedCommitment: commitSeed(ROUND_SEED),
    });
    expect(res.error.code).toBe('NOT_FOUND');
    expect(await t.count(COLLECTIONS.rounds)).toBe(0);
    expect(await t.count(COLLECTIONS.auditLog)).toBe(0);
  });

  it('announces a round with the committed seed hash; eligible households register, once each', async () => {
    const s = await roundScenario(t, { stage: 'announced', applicants: 12 });
    expect(s.round).toMatchObject({
      status: 'announced',
      statusLabel: expect.any(String),
      seedCommitment: commitSeed(ROUND_SEED),
      seed: null,
      registrations: 0,
      vacantUnits: 6,
    });
    const results = await Promise.all(
      s.applicants.map((a) => call(a.openid, 'register', { roundId: s.round.id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const again = await call(s.applicants[0]!.openid, 'register', { roundId: s.round.id });
    expect(again.data.id).toBe(results[0]!.data.id);
    expect(await t.count(COLLECTIONS.registrations, { roundId: s.round.id })).toBe(12);
    // Ulanqab Art. 14: 低保 households are tier 1; the others follow their Art. 17 circumstances or tier 6.
    results.forEach((r, i) =>
      i % 3 === 0 ? expect(r.data.tier).toBe(1) : expect(r.data.tier).toBeGreaterThan(1),
    );
  });

  it('lists the announced rounds to anyone signed in, newest first, with their registrations', async () => {
    const s = await roundScenario(t, { stage: 'registered', applicants: 3 });
    t.clock.advance(60_000);
    const later = await call(ADMIN, 'createRound', {
      projectId: s.projectId,
      title: '2027年第一批公租房配租',
      description: '面向低保家庭。',
      registrationOpensAt: '2027-01-01T00:00:00Z',
      registrationClosesAt: '2027-01-10T00:00:00Z',
      eligibleCategories: ['dibao'],
      seedCommitment: commitSeed('another-seed'),
    });
    const [applicant] = await addEligibleApplicants(t.db, 1, 'new');
    const rounds = (await call(applicant!.openid, 'listRounds')).data as RoundSummary[];
    expect(rounds).toEqual([
      expect.objectContaining({ id: later.data.id, title: '2027年第一批公租房配租', registrations: 0 }),
      expect.objectContaining({
        id: s.round.id,
        projectName: '测试家园',
        title: '2026年第四批公租房配租',
        status: 'announced',
        registrations: 3,
        vacantUnits: 6,
        seedCommitment: commitSeed(ROUND_SEED),
        seed: null,
      }),
    ]);
  });

  it('an ineligible household is told every reason with its clause, and nothing is written', async () => {
    const s = await roundScenario(t, { stage: 'announced', applicants: 1 });
    const [rich] = await addEligibleApplicants(t.db, 1, 'rich', {
      annualIncomeFen: 900_000_00,
      applicantBirthDate: '2010-01-01',
    });
    const res = await call(rich!.openid, 'register', { roundId: s.round.id });
    expect(res.error.code).toBe('RULE_VIOLATION');
    expect(res.error.message).toContain('未成年人');
    // The local host runs Wuchang's policy: its report sets no income line, so the line is its setting (saved
    // by the test host as the district's version, so no longer an example: test/cloudfunctions/settings).
    expect(res.error.message).toContain('（运营方设定（申请收入标准，武昌区住房保障部门））');
    expect(res.error.message).not.toContain('乌兰察布');
    expect(await t.count(COLLECTIONS.registrations)).toBe(0);
    expect(await t.count(COLLECTIONS.auditLog, { action: 'registered' })).toBe(0);
  });

  it('the lottery needs the committed seed; a rerun needs a reason and is recorded', async () => {
    const s = await roundScenario(t, { stage: 'registered', applicants: 12 });
    const roundId = s.round.id;
    expect((await call(ADMIN, 'runLottery', { roundId, seed: ROUND_SEED })).error.code).toBe('STATE_INVALID'); // still open
    expect((await call(ADMIN, 'closeRegistration', { roundId })).ok).toBe(true);
    const wrong = await call(ADMIN, 'runLottery', { roundId, seed: 'not-the-committed-seed' });
    expect(wrong.error.message).toContain('承诺值');
    const drawn = await call(ADMIN, 'runLottery', { roundId, seed: ROUND_SEED });
    expect(drawn.data).toMatchObject({ status: 'drawn', seed: ROUND_SEED });
    const silent = await call(ADMIN, 'runLottery', { roundId, seed: ROUND_SEED });
    expect(silent.error.code).toBe('RULE_VIOLATION');
    const rerun = await call(ADMIN, 'runLottery', {
      roundId,
      seed: ROUND_SEED,
      rerunReason: '核对报名名单后重新摇号',
    });
    expect(rerun.ok).toBe(true);
    const log = await call(ADMIN, 'auditLog', { entityId: roundId });
    const roundEntries = log.data.filter((e: { entityType: string }) => e.entityType === 'round');
    expect(roundEntries.map((e: { action: string }) => e.action)).toEqual([
      'announced',
      'registration_closed',
      'lottery_drawn',
      'lottery_rerun',
    ]);
    expect(roundEntries[3].detail).toContain('核对报名名单后重新摇号');
    // The round's trail includes its registrations.
    expect(log.data.filter((e: { action: string }) => e.action === 'registered')).toHaveLength(12);
  });

  it('an applicant sees their rank in their tier, the total and how to verify it', async () => {
    const s = await roundScenario(t, { stage: 'drawn', applicants: 12 });
    const mine = (await call(s.applicants[5]!.openid, 'myRegistrations')).data as MyRegistration[];
    const lottery = mine[0]!.lottery!;
    expect(lottery.total).toBe(12);
    expect(lottery.tierRank).toBeGreaterThanOrEqual(1);
    expect(lottery.tierRank).toBeLessThanOrEqual(lottery.tierTotal);
    expect(lottery.verifyCommand).toBe(
      `printf %s '${mine[0]!.id}' | openssl dgst -sha256 -hmac '${ROUND_SEED}'`,
    );
  });

  it('the office reads the results in lottery order with masked ID numbers and each unit chosen', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 4 });
    const [first] = await registrationsInTurn(t, s.round.id);
    const chosen = await call(applicantOf(s, first!).openid, 'selectUnit', {
      roundId: s.round.id,
      unitId: s.unitIds[0],
    });
    expect(chosen.ok).toBe(true);
    const res = await call(ADMIN, 'roundResults', { roundId: s.round.id });
    expect(res.data.round).toMatchObject({ id: s.round.id, status: 'selecting', registrations: 4 });
    const rows = res.data.rows as {
      registrationId: string;
      idNumberMasked: string;
      overallRank: number;
      status: string;
      unitLabel: string | null;
    }[];
    expect(rows.map((r) => r.overallRank)).toEqual([1, 2, 3, 4]);
    expect(rows[0]).toMatchObject({ registrationId: first!._id, status: 'selected', unitLabel: '1栋-101' });
    expect(rows.slice(1).every((r) => r.status === 'ranked' && r.unitLabel === null)).toBe(true);
    expect(rows.every((r) => /^\d{6}\*{8}[\dX]{4}$/.test(r.idNumberMasked))).toBe(true);
    expect((await call(s.applicants[0]!.openid, 'roundResults', { roundId: s.round.id })).error.code).toBe(
      'NOT_FOUND',
    );
  });

  it('200 concurrent selections at 50 units: no unit twice, nobody two units', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 200, floors: 10, perFloor: 5 });
    const roundId = s.round.id;
    // Open every window now, so that all 200 compete at once.
    const now = t.clock.now().getTime();
    for (const r of await registrationsInTurn(t, roundId)) {
      await t.db
        .collection(COLLECTIONS.registrations)
        .doc(r._id)
        .update({ window: { turn: r.window!.turn, opensAt: now - 60_000, closesAt: now + 3_600_000 } });
    }
    const units = (await call(s.applicants[0]!.openid, 'availableUnits', { roundId })).data as {
      id: string;
    }[];
    expect(units).toHaveLength(50);
    // 200 applicants aim at 40 of the 50 units, so some lose and 10 units stay free.
    const picks = s.applicants.map((_, i) => units[(i * 7) % 40]!.id);
    const results = await Promise.all(
      s.applicants.map((a, i) => call(a.openid, 'selectUnit', { roundId, unitId: picks[i] })),
    );
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(new Set(picks).size);
    expect(losers.every((r) => r.error.code === 'CONFLICT' && r.error.message.includes('已被他人选定'))).toBe(
      true,
    );
    const after = await t.all<RegistrationDoc>(COLLECTIONS.registrations, { roundId });
    const taken = after.filter((r) => r.unitId).map((r) => r.unitId);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken).toHaveLength(winners.length);
    const reserved = await t.all<UnitDoc & { reservedBy: string }>(COLLECTIONS.units, {
      projectId: s.projectId,
      status: 'reserved',
    });
    expect(reserved).toHaveLength(winners.length);
    for (const u of reserved) expect(after.find((r) => r._id === u.reservedBy)?.unitId).toBe(u._id);
    // Taken units disappear from the list.
    const left = (await call(s.applicants[0]!.openid, 'availableUnits', { roundId })).data as unknown[];
    expect(left).toHaveLength(50 - winners.length);
  });

  it('refusals: twice, outside the window, another project’s unit; a retry returns the same result', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 4 });
    const foreign = await addProject(t.db, { id: 'p-foreign', floors: 1, perFloor: 1 });
    const roundId = s.round.id;
    const [first, second] = await registrationsInTurn(t, roundId);
    const winner = applicantOf(s, first!).openid;
    const chosen = await call(winner, 'selectUnit', { roundId, unitId: s.unitIds[0] });
    expect(chosen.data).toMatchObject({ status: 'selected', unit: { id: s.unitIds[0] } });
    const retry = await call(winner, 'selectUnit', { roundId, unitId: s.unitIds[0] });
    expect(retry.data.unit.id).toBe(s.unitIds[0]);
    const twice = await call(winner, 'selectUnit', { roundId, unitId: s.unitIds[1] });
    expect(twice.error).toMatchObject({ code: 'STATE_INVALID', message: '您已选定房源，不能再次选房。' });

    // The second in line: turn 2 opens 30 minutes from now.
    const next = applicantOf(s, second!).openid;
    const early = await call(next, 'selectUnit', { roundId, unitId: s.unitIds[1] });
    expect(early.error.message).toContain('尚未轮到您选房');
    t.clock.advance(30 * 60_000);
    const wrongProject = await call(next, 'selectUnit', { roundId, unitId: foreign.units[0]!._id });
    expect(wrongProject.error.message).toBe('该房源不属于本轮选房项目。');
    expect(await t.doc(COLLECTIONS.units, s.unitIds[1]!)).toMatchObject({ status: 'vacant' });
    expect(await t.doc(COLLECTIONS.units, foreign.units[0]!._id)).toMatchObject({ status: 'vacant' });
    expect(await t.doc(COLLECTIONS.registrations, second!._id)).toMatchObject({
      status: 'ranked',
      unitId: null,
    });
    expect(await t.count(COLLECTIONS.units, { status: 'reserved' })).toBe(1);
  });

  it('a waiver is recorded and the next in line moves up', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 4 });
    const roundId = s.round.id;
    const [first, second] = await registrationsInTurn(t, roundId);
    const who = applicantOf(s, first!).openid;
    const res = await call(who, 'waive', { roundId });
    expect(res.data.status).toBe('waived');
    const log = await call(ADMIN, 'auditLog', { entityId: first!._id });
    expect(log.data.map((e: { action: string }) => e.action)).toEqual(['registered', 'waived']);
    expect(log.data[1].detail).toContain('后续顺位依次递补');
    expect((await call(who, 'selectUnit', { roundId, unitId: s.unitIds[0] })).error.code).toBe(
      'STATE_INVALID',
    );
    // The second in line may choose now instead of in 30 minutes.
    const moved = await t.doc<RegistrationDoc>(COLLECTIONS.registrations, second!._id);
    expect(moved!.window).toMatchObject({ turn: 1, opensAt: t.clock.now().getTime() });
    const chosen = await call(applicantOf(s, second!).openid, 'selectUnit', {
      roundId,
      unitId: s.unitIds[0],
    });
    expect(chosen.data.status).toBe('selected');
  });

  it('after a waiver the later windows keep the round’s window length', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 3, windowMinutes: 10 });
    const [first, second, third] = await registrationsInTurn(t, s.round.id);
    const now = t.clock.now().getTime();
    expect(third!.window).toMatchObject({ opensAt: now + 20 * 60_000, closesAt: now + 30 * 60_000 });
    await call(applicantOf(s, first!).openid, 'waive', { roundId: s.round.id });
    const windows = await Promise.all(
      [second!, third!].map(
        async (r) => (await t.doc<RegistrationDoc>(COLLECTIONS.registrations, r._id))!.window,
      ),
    );
    expect(windows).toEqual([
      { turn: 1, opensAt: now, closesAt: now + 10 * 60_000 },
      { turn: 2, opensAt: now + 10 * 60_000, closesAt: now + 20 * 60_000 },
    ]);
  });

  it('results cannot be published while the entrants changed after the draw', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 4 });
    const roundId = s.round.id;
    await t.db.collection(COLLECTIONS.registrations).doc(`${roundId}-late`).set({
      roundId,
      projectId: s.projectId,
      householdId: 'late',
      userId: 'late',
      status: 'registered',
      tier: 7,
      lottery: null,
      window: null,
      unitId: null,
      contractId: null,
      createdAt: START,
      updatedAt: START,
    });
    const refused = await call(ADMIN, 'publishResults', { roundId, noticeDays: 7 });
    expect(refused.error.message).toContain('报名名单发生了变化');
    expect(await t.doc(COLLECTIONS.rounds, roundId)).toMatchObject({
      status: 'selecting',
      noticeEndsOn: null,
    });
    await t.db.collection(COLLECTIONS.registrations).doc(`${roundId}-late`).remove();
    const published = await call(ADMIN, 'publishResults', { roundId, noticeDays: 7 });
    // Published on 2026-12-01 for 7 days: the notice includes its first day and ends on 2026-12-07.
    expect(published.data).toMatchObject({ status: 'publicized', noticeEndsOn: '2026-12-07' });
  });

  it('Ulanqab Art.13, 18: objections during the notice are stored once and shown to the office', async () => {
    const s = await roundScenario(t, { stage: 'publicized', applicants: 3, selected: 2 });
    const roundId = s.round.id;
    const who = s.applicants[1]!.openid;
    const first = await call(who, 'fileObjection', { roundId, text: '对第 3 位的优先层级有异议' });
    const again = await call(who, 'fileObjection', { roundId, text: '对第 3 位的优先层级有异议' });
    expect(again.data.id).toBe(first.data.id);
    const listed = await call(ADMIN, 'listObjections', { roundId });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({
      text: '对第 3 位的优先层级有异议',
      registrationId: null,
      status: 'pending',
    });
    // An objection may name the household it is about (here the second household that selected a unit).
    const [, second] = await registrationsInTurn(t, roundId);
    const named = await call(who, 'fileObjection', {
      roundId,
      registrationId: second!._id,
      text: '该户已有自有住房',
    });
    expect(named.ok).toBe(true);
    expect(
      (await call(who, 'fileObjection', { roundId, registrationId: 'nobody', text: 'x' })).error.code,
    ).toBe('NOT_FOUND');
    expect((await call(who, 'listObjections', { roundId })).error.code).toBe('NOT_FOUND');
    // Published on 2026-12-01 for 7 days: the notice ends on 2026-12-07.
    t.clock.set('2026-12-07T15:30:00Z'); // 23:30 Beijing time on the notice's last day
    expect((await call(who, 'fileObjection', { roundId, text: '最后一天的异议' })).ok).toBe(true);
    t.clock.set('2026-12-07T16:30:00Z'); // 00:30 Beijing time the day after
    expect((await call(who, 'fileObjection', { roundId, text: '晚了' })).error.message).toBe(
      '不在结果公示期内。',
    );
    expect(await t.count(COLLECTIONS.objections)).toBe(3);
  });

  it('the notice, the objections and the lease start go by the China date (01:00 in Beijing is the next day)', async () => {
    t.clock.set('2026-12-01T17:00:00Z'); // 01:00 on 2 December in Beijing
    const s = await roundScenario(t, { stage: 'publicized', applicants: 3 });
    expect(s.round.noticeEndsOn).toBe('2026-12-08'); // 7 days from 2 December, the first day included
    const roundId = s.round.id;
    t.clock.set('2026-12-08T15:00:00Z'); // 23:00 on the last day of the notice
    expect((await call(s.applicants[0]!.openid, 'fileObjection', { roundId, text: '最后一天' })).ok).toBe(
      true,
    );
    t.clock.set('2026-12-08T16:30:00Z'); // 00:30 on 9 December: the notice is over
    expect(
      (await call(s.applicants[0]!.openid, 'fileObjection', { roundId, text: '晚了' })).error?.message,
    ).toBe('不在结果公示期内。');
  });

  it('a lease drafted at 01:00 Beijing time starts that China day', async () => {
    t.clock.set('2026-12-01T17:00:00Z');
    const s = await roundScenario(t, { stage: 'selecting', applicants: 1 });
    const [reg] = await registrationsInTurn(t, s.round.id);
    const who = applicantOf(s, reg!).openid;
    await call(who, 'selectUnit', { roundId: s.round.id, unitId: s.unitIds[0] });
    const draft = await call(who, 'getContract', { registrationId: reg!._id });
    expect(draft.data.startDate).toBe('2026-12-02');
  });

  it('exports the results to Excel with masked ID numbers', async () => {
    const s = await roundScenario(t, { stage: 'publicized', applicants: 5 });
    const res = await call(ADMIN, 'exportResults', { roundId: s.round.id });
    expect(res.data.fileName).toBe('测试家园-2026年第四批公租房配租-配租结果.xlsx');
    const book = await openExport(t, res.data, ADMIN);
    const sheet = book.getWorksheet('配租结果')!;
    expect(sheet.rowCount).toBe(6);
    const id = String(sheet.getRow(2).getCell(5).value);
    expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(book.getWorksheet('摇号信息')!.getRow(4).getCell(2).value).toBe(ROUND_SEED);
  });

  it('Wuchang 2(2)3: 选房 → 公示 → 签约: no lease is signed during the notice or while an objection holds it', async () => {
    const s = await roundScenario(t, { stage: 'publicized', applicants: 3, selected: 2 });
    const roundId = s.round.id;
    const [reg, held] = await registrationsInTurn(t, roundId);
    const who = applicantOf(s, reg!);
    const heldWho = applicantOf(s, held!);
    const objector = s.applicants.find((a) => a !== who && a !== heldWho)!.openid;
    expect((await call(objector, 'fileObjection', { roundId, text: '对优先层级有异议' })).ok).toBe(true);
    expect(
      (
        await call(objector, 'fileObjection', {
          roundId,
          registrationId: held!._id,
          text: '该户已有自有住房',
        })
      ).ok,
    ).toBe(true);
    const draft = await call(who.openid, 'getContract', { registrationId: reg!._id });
    expect(draft.data.signingNotice).toContain(
      '选房结果公示至 2026-12-07，公示期满后方可签约：最早 2026-12-08 起可签约',
    );
    const png = makeSignaturePng();
    const sign = async (openid: string, registrationId: string, textSha256: string) =>
      call(openid, 'signContract', {
        registrationId,
        textSha256,
        signatureFileId: await t.upload(openid, 'signature', png),
      });
    const during = await sign(who.openid, reg!._id, draft.data.textSha256);
    expect(during.error).toMatchObject({ code: 'STATE_INVALID' });
    expect(during.error.message).toContain('最早 2026-12-08 起可签约');
    expect(during.error.message).toContain('武昌调研报告 二(二)三');
    t.clock.set('2026-12-08T01:00:00Z');
    // The notice is over, but an objection naming nobody is still pending: the round is held.
    const heldRound = await sign(who.openid, reg!._id, draft.data.textSha256);
    expect(heldRound.error.message).toContain('本轮公示期内有异议正在核查');
    expect(heldRound.error.message).toContain('运营方设定（公示期异议的处理方式');
    expect(await t.count(COLLECTIONS.leases)).toBe(0);
    const pending = (await call(ADMIN, 'listObjections', { roundId })).data as {
      id: string;
      registrationId: string | null;
    }[];
    expect(
      (await call(who.openid, 'resolveObjection', { objectionId: pending[0]!.id, resolution: 'x' })).error
        .code,
    ).toBe('NOT_FOUND');
    for (const o of pending.filter((x) => !x.registrationId)) {
      const done = await call(ADMIN, 'resolveObjection', {
        objectionId: o.id,
        resolution: '经核查，优先层级认定无误',
      });
      expect(done.data).toMatchObject({ status: 'resolved' });
    }
    // The household named by the remaining objection stays held; the others may sign.
    const heldDraft = await call(heldWho.openid, 'getContract', { registrationId: held!._id });
    const stillHeld = await sign(heldWho.openid, held!._id, heldDraft.data.textSha256);
    expect(stillHeld.error.message).toContain('公示期内有针对您家庭的异议（1 件）正在核查');
    expect(
      (await call(who.openid, 'getContract', { registrationId: reg!._id })).data.signingNotice,
    ).toBeNull();
    expect((await sign(who.openid, reg!._id, draft.data.textSha256)).data).toMatchObject({
      status: 'signed',
    });
    const trail = await call(ADMIN, 'auditLog', { entityId: roundId });
    expect(trail.data.map((e: { action: string }) => e.action)).toContain('objection_resolved');
  });

  it('a tenant signs the lease: text, signature and digest are stored, and reopening verifies the digest', async () => {
    // Selected, the results published on 2026-12-01 for 7 days, and signed the day after the notice.
    const s = await roundScenario(t, { stage: 'publicized', applicants: 3, selected: 1 });
    t.clock.set('2026-12-08T01:00:00Z');
    const [reg, other] = await registrationsInTurn(t, s.round.id);
    const who = applicantOf(s, reg!);
    const draft = await call(who.openid, 'getContract', { registrationId: reg!._id });
    expect(draft.data.status).toBe('draft');
    expect(draft.data.signingNotice).toBeNull();
    expect(draft.data.text).toContain('公共租赁住房租赁合同');
    // The local host runs Wuchang's policy: the lease cites Wuchang's sources and settings, never Ulanqab's.
    expect(draft.data.text).not.toContain('乌兰察布');
    expect(draft.data.text).toContain('（运营方设定（取消保障资格的情形，武昌区住房保障部门，示例值））');
    expect(draft.data.text).toContain('（武昌调研报告 二(一)二 线上报修、线下维修团队快速响应）');
    const someoneElse = await call(applicantOf(s, other!).openid, 'getContract', {
      registrationId: reg!._id,
    });
    expect(someoneElse.error.code).toBe('NOT_FOUND');
    const badSig = await call(who.openid, 'signContract', {
      registrationId: reg!._id,
      textSha256: draft.data.textSha256,
      signatureFileId: await t.upload(who.openid, 'signature', Buffer.alloc(200, 1), 'png'),
    });
    expect(badSig.error.code).toBe('INVALID_INPUT');
    expect(await t.count(COLLECTIONS.leases)).toBe(0);
    const png = makeSignaturePng();
    const uploaded = await t.upload(who.openid, 'signature', png);
    // Someone else's upload is refused, nothing signed.
    const notHers = await call(applicantOf(s, other!).openid, 'signContract', {
      registrationId: reg!._id,
      textSha256: draft.data.textSha256,
      signatureFileId: uploaded,
    });
    expect(notHers.error.code).toBe('NOT_FOUND');
    const signed = await call(who.openid, 'signContract', {
      registrationId: reg!._id,
      textSha256: draft.data.textSha256,
      signatureFileId: uploaded,
    });
    // The digest check reads the stored signature back through its file ID (on every view).
    expect(signed.data).toMatchObject({ status: 'signed', digestMatches: true });
    const stored = await t.doc<{ signatureFileId: string }>(COLLECTIONS.contracts, `c-${reg!._id}`);
    expect(stored!.signatureFileId).toMatch(new RegExp(`^cloud://[^/]+/contracts/c-${reg!._id}/signature-`));
    expect(Buffer.from(await t.host.runtime.storage.download(stored!.signatureFileId))).toEqual(png);
    const again = await call(who.openid, 'signContract', {
      registrationId: reg!._id,
      textSha256: draft.data.textSha256,
      signatureFileId: uploaded, // a retry after a lost answer: the upload is gone, the contract answers
    });
    expect(again.data.digest).toBe(signed.data.digest);
    expect((await call(who.openid, 'getContract', { registrationId: reg!._id })).data.digestMatches).toBe(
      true,
    );
    expect(await t.count(COLLECTIONS.leases, { householdId: reg!.householdId, status: 'active' })).toBe(1);
    expect(await t.doc(COLLECTIONS.units, s.unitIds[0]!)).toMatchObject({ status: 'occupied' });
    const me = await t.call('account', who.openid, 'me');
    expect(me.data.tenant.lease.id).toBe(`l-c-${reg!._id}`);
    // Tampering with the stored text is detected when the contract is reopened.
    await t.db
      .collection(COLLECTIONS.contracts)
      .doc(`c-${reg!._id}`)
      .update({ text: draft.data.text + '（被篡改）' });
    expect((await call(who.openid, 'getContract', { registrationId: reg!._id })).data.digestMatches).toBe(
      false,
    );
    const trail = await call(ADMIN, 'auditLog', { entityId: `c-${reg!._id}` });
    expect(trail.data.map((e: { action: string }) => e.action)).toEqual(['drafted', 'signed']);
  });

  it('malformed events and unknown actions change nothing', async () => {
    const s = await roundScenario(t, { stage: 'announced', applicants: 2 });
    const roundId = s.round.id;
    const who = s.applicants[1]!.openid;
    expect((await call(who, 'selectUnit', { roundId })).error.code).toBe('INVALID_INPUT');
    expect((await call(who, 'register', { roundId, householdId: 'x' })).error.code).toBe('INVALID_INPUT');
    expect((await call(null, 'register', { roundId })).error.code).toBe('UNAUTHENTICATED');
    expect((await call(who, 'noSuchAction', { roundId })).error.code).toBe('UNKNOWN_ACTION');
    expect(await t.count(COLLECTIONS.registrations)).toBe(0);
  });
});
