import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import type { MyRegistration, RoundSummary } from '@shared/contracts';
import { commitSeed } from '@shared/rules/lottery.rule';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { RegistrationDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import { addEligibleApplicants, type Applicant } from '../../factories/applicant.factory';
import { makeSignaturePng } from '../../factories/png.factory';

jest.setTimeout(120_000);

const SEED = 'wuchang-2026-round-seed-7f3a';
let clock = new Date('2026-12-01T01:00:00Z');
const ADMIN = 'demo-admin';

function csv(rows: string[][]): string {
  return Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8').toString('base64');
}
const HEADER = ['楼栋', '房号', '楼层', '面积', '户型', '朝向', '市场租金'];

// The answers are read as loose JSON: the contracts are checked by the handler, the tests check values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; data?: any; error?: any };

describe('allocation: announce → register → lottery → select → publicise → sign', () => {
  let host: LocalHost;
  let call: (openid: string | null, action: string, input?: object) => Promise<Answer>;
  let projectId: string;
  let round: RoundSummary;
  let applicants: Applicant[];

  const count = async (c: string, q: object = {}) =>
    (await host.runtime.db.collection(c).where(q).count()).total;
  const selectedRegistrations = async () =>
    (
      await host.runtime.db
        .collection(COLLECTIONS.registrations)
        .where({ roundId: round.id, status: 'selected' })
        .orderBy('_id', 'asc')
        .limit(2)
        .get()
    ).data as RegistrationDoc[];

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
    call = (openid, action, input = {}) =>
      host.invoke('allocation', { action, ...input }, { openid }) as Promise<Answer>;
  });
  afterAll(() => host.close());

  it('the housing office creates a project and imports 50 units; a bad sheet imports nothing and names each bad row', async () => {
    const created = await call(ADMIN, 'createProject', {
      name: '测试家园',
      address: '武昌区测试路 1 号',
      buildings: [
        { name: 'A栋', floors: 10, highRise: true },
        { name: 'B栋', floors: 10, highRise: true },
      ],
    });
    expect(created.ok).toBe(true);
    projectId = created.data.id;

    const bad = await call(ADMIN, 'importUnits', {
      projectId,
      fileName: 'units.csv',
      contentBase64: csv([
        HEADER,
        ['A栋', '101', '1', '45', '一室一厅', '南', '1200'],
        ['C栋', '101', '1', '45', '一室一厅', '南', '1200'],
        ['A栋', '102', '99', '5', '', '南', '-3'],
      ]),
    });
    expect(bad.ok).toBe(true);
    expect(bad.data.imported).toBe(0);
    expect(bad.data.rowErrors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect(bad.data.rowErrors[0].message).toContain('楼栋“C栋”不存在');
    expect(bad.data.rowErrors[1].message).toMatch(/楼层.*面积.*市场租金/);
    expect(await count(COLLECTIONS.units, { projectId })).toBe(0);

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
      contentBase64: csv(rows),
    });
    expect(good.data).toMatchObject({ imported: 50, rowErrors: [] });
    expect(good.data.mix.ok).toBe(true);
    expect(await count(COLLECTIONS.units, { projectId, status: 'vacant' })).toBe(50);
  });

  it('imports the same columns from an .xlsx sheet', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('房源');
    sheet.addRow(HEADER);
    sheet.addRow(['B栋', '1001', 10, 47.5, '两室一厅', '南北通透', 1300]);
    const contentBase64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const res = await call(ADMIN, 'importUnits', { projectId, fileName: '房源.xlsx', contentBase64 });
    expect(res.data).toMatchObject({ imported: 1, rowErrors: [] });
    // Keep the round at 50 units: mark the extra one occupied.
    const extra = (
      await host.runtime.db.collection(COLLECTIONS.units).where({ projectId, label: 'B栋-1001' }).get()
    ).data[0] as UnitDoc;
    await host.runtime.db.collection(COLLECTIONS.units).doc(extra._id).update({ status: 'occupied' });
  });

  it('only the housing office may run the procedure (refusals write nothing)', async () => {
    const before = await count(COLLECTIONS.rounds);
    const res = await call('demo-tenant', 'createRound', {
      projectId,
      title: 'x',
      description: 'x',
      registrationOpensAt: '2026-12-01T00:00:00Z',
      registrationClosesAt: '2026-12-10T00:00:00Z',
      eligibleCategories: ['dibao'],
      seedCommitment: commitSeed(SEED),
    });
    expect(res.error.code).toBe('NOT_FOUND');
    expect(await count(COLLECTIONS.rounds)).toBe(before);
  });

  it('announces a round with the committed seed hash; 200 eligible households register, once each', async () => {
    const res = await call(ADMIN, 'createRound', {
      projectId,
      title: '2026年第四批公租房配租',
      description: '面向低保、低收入住房困难家庭。',
      registrationOpensAt: '2026-12-01T00:00:00Z',
      registrationClosesAt: '2026-12-10T00:00:00Z',
      eligibleCategories: ['dibao', 'tekun', 'low_income'],
      seedCommitment: commitSeed(SEED),
    });
    expect(res.ok).toBe(true);
    round = res.data;
    applicants = await addEligibleApplicants(host.runtime.db, 200);
    const results = await Promise.all(
      applicants.map((a) => call(a.openid, 'register', { roundId: round.id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const again = await call(applicants[0]!.openid, 'register', { roundId: round.id });
    expect(again.data.id).toBe(results[0]!.data.id);
    expect(await count(COLLECTIONS.registrations, { roundId: round.id })).toBe(200);
    // Ulanqab Art. 14: 低保 households are tier 1; the others follow their Art. 17 circumstances or tier 6.
    results.forEach((r, i) =>
      i % 3 === 0 ? expect(r.data.tier).toBe(1) : expect(r.data.tier).toBeGreaterThan(1),
    );
  });

  it('an ineligible household is told every reason with its clause, and nothing is written', async () => {
    const [rich] = await addEligibleApplicants(host.runtime.db, 1, 'rich', {
      annualIncomeFen: 900_000_00,
      applicantBirthDate: '2010-01-01',
    });
    const before = await count(COLLECTIONS.registrations);
    const res = await call(rich!.openid, 'register', { roundId: round.id });
    expect(res.error.code).toBe('RULE_VIOLATION');
    expect(res.error.message).toContain('未成年人');
    // The local host runs Wuchang's policy: its report sets no income line, so the line is its setting.
    expect(res.error.message).toContain('（运营方设定（申请收入标准，武昌区住房保障部门，示例值））');
    expect(res.error.message).not.toContain('乌兰察布');
    expect(await count(COLLECTIONS.registrations)).toBe(before);
  });

  it('the lottery needs the committed seed; a rerun needs a reason and is recorded', async () => {
    expect((await call(ADMIN, 'runLottery', { roundId: round.id, seed: SEED })).error.code).toBe(
      'STATE_INVALID',
    ); // still open
    expect((await call(ADMIN, 'closeRegistration', { roundId: round.id })).ok).toBe(true);
    const wrong = await call(ADMIN, 'runLottery', { roundId: round.id, seed: 'not-the-committed-seed' });
    expect(wrong.error.message).toContain('承诺值');
    const drawn = await call(ADMIN, 'runLottery', { roundId: round.id, seed: SEED });
    expect(drawn.data).toMatchObject({ status: 'drawn', seed: SEED });
    const silent = await call(ADMIN, 'runLottery', { roundId: round.id, seed: SEED });
    expect(silent.error.code).toBe('RULE_VIOLATION');
    const rerun = await call(ADMIN, 'runLottery', {
      roundId: round.id,
      seed: SEED,
      rerunReason: '核对报名名单后重新摇号',
    });
    expect(rerun.ok).toBe(true);
    const log = await call(ADMIN, 'auditLog', { entityId: round.id });
    const roundEntries = log.data.filter((e: { entityType: string }) => e.entityType === 'round');
    expect(roundEntries.map((e: { action: string }) => e.action)).toEqual([
      'announced',
      'registration_closed',
      'lottery_drawn',
      'lottery_rerun',
    ]);
    expect(roundEntries[3].detail).toContain('核对报名名单后重新摇号');
    // The round's trail includes its registrations.
    expect(log.data.filter((e: { action: string }) => e.action === 'registered')).toHaveLength(200);
  });

  it('an applicant sees their rank in their tier, the total and how to verify it', async () => {
    const mine = (await call(applicants[5]!.openid, 'myRegistrations')).data as MyRegistration[];
    const lottery = mine[0]!.lottery!;
    expect(lottery.total).toBe(200);
    expect(lottery.tierRank).toBeGreaterThanOrEqual(1);
    expect(lottery.tierRank).toBeLessThanOrEqual(lottery.tierTotal);
    expect(lottery.verifyCommand).toBe(`printf %s '${mine[0]!.id}' | openssl dgst -sha256 -hmac '${SEED}'`);
  });

  it('200 concurrent selections at 50 units: no unit twice, nobody two units', async () => {
    const opened = await call(ADMIN, 'openSelection', {
      roundId: round.id,
      startsAt: clock.toISOString(),
      windowMinutes: 30,
    });
    expect(opened.data.status).toBe('selecting');
    // Open every window now, so that all 200 compete at once.
    const regs = (
      await host.runtime.db
        .collection(COLLECTIONS.registrations)
        .where({ roundId: round.id })
        .limit(1000)
        .get()
    ).data as RegistrationDoc[];
    for (const r of regs) {
      await host.runtime.db
        .collection(COLLECTIONS.registrations)
        .doc(r._id)
        .update({
          window: {
            turn: r.window!.turn,
            opensAt: clock.getTime() - 60_000,
            closesAt: clock.getTime() + 3_600_000,
          },
        });
    }
    const units = (await call(applicants[0]!.openid, 'availableUnits', { roundId: round.id })).data as {
      id: string;
    }[];
    expect(units).toHaveLength(50);
    // 200 applicants aim at 40 of the 50 units, so some lose and 10 units stay free.
    const picks = applicants.map((_, i) => units[(i * 7) % 40]!.id);
    const results = await Promise.all(
      applicants.map((a, i) => call(a.openid, 'selectUnit', { roundId: round.id, unitId: picks[i] })),
    );
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(new Set(picks).size);
    expect(losers.every((r) => r.error.code === 'CONFLICT' && r.error.message.includes('已被他人选定'))).toBe(
      true,
    );
    const after = (
      await host.runtime.db
        .collection(COLLECTIONS.registrations)
        .where({ roundId: round.id })
        .limit(1000)
        .get()
    ).data as RegistrationDoc[];
    const taken = after.filter((r) => r.unitId).map((r) => r.unitId);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken).toHaveLength(winners.length);
    const reserved = (
      await host.runtime.db
        .collection(COLLECTIONS.units)
        .where({ projectId, status: 'reserved' })
        .limit(1000)
        .get()
    ).data as (UnitDoc & { reservedBy: string })[];
    expect(reserved).toHaveLength(winners.length);
    for (const u of reserved) expect(after.find((r) => r._id === u.reservedBy)?.unitId).toBe(u._id);
    // Taken units disappear from the list.
    const left = (await call(applicants[0]!.openid, 'availableUnits', { roundId: round.id })).data as {
      id: string;
    }[];
    expect(left).toHaveLength(50 - winners.length);
  });

  it('refusals: twice, outside the window, another project’s unit; a retry returns the same result', async () => {
    const regs = (
      await host.runtime.db
        .collection(COLLECTIONS.registrations)
        .where({ roundId: round.id, status: 'selected' })
        .limit(1)
        .get()
    ).data as RegistrationDoc[];
    const winner = applicants.find((a) => a.householdId === regs[0]!.householdId)!;
    const retry = await call(winner.openid, 'selectUnit', { roundId: round.id, unitId: regs[0]!.unitId });
    expect(retry.ok).toBe(true);
    expect(retry.data.unit.id).toBe(regs[0]!.unitId);
    const free = (await call(winner.openid, 'availableUnits', { roundId: round.id })).data as {
      id: string;
    }[];
    const twice = await call(winner.openid, 'selectUnit', { roundId: round.id, unitId: free[0]!.id });
    expect(twice.error).toMatchObject({ code: 'STATE_INVALID', message: '您已选定房源，不能再次选房。' });

    const loser = (
      await host.runtime.db
        .collection(COLLECTIONS.registrations)
        .where({ roundId: round.id, status: 'ranked' })
        .limit(1)
        .get()
    ).data[0] as RegistrationDoc;
    const loserApplicant = applicants.find((a) => a.householdId === loser.householdId)!;
    const foreign = (
      await host.runtime.db
        .collection(COLLECTIONS.units)
        .where({ projectId: 'p-hexie', status: 'vacant' })
        .limit(1)
        .get()
    ).data[0] as UnitDoc;
    const wrongProject = await call(loserApplicant.openid, 'selectUnit', {
      roundId: round.id,
      unitId: foreign._id,
    });
    expect(wrongProject.error.message).toBe('该房源不属于本轮选房项目。');
    await host.runtime.db
      .collection(COLLECTIONS.registrations)
      .doc(loser._id)
      .update({
        window: {
          turn: loser.window!.turn,
          opensAt: clock.getTime() + 3_600_000,
          closesAt: clock.getTime() + 7_200_000,
        },
      });
    const early = await call(loserApplicant.openid, 'selectUnit', { roundId: round.id, unitId: free[0]!.id });
    expect(early.error.message).toContain('尚未轮到您选房');
    expect(
      (await host.runtime.db.collection(COLLECTIONS.units).doc(free[0]!.id).get()).data[0],
    ).toMatchObject({ status: 'vacant' });
    expect(
      (await host.runtime.db.collection(COLLECTIONS.registrations).doc(loser._id).get()).data[0],
    ).toMatchObject({ unitId: null });
  });

  it('a waiver is recorded and the next in line moves up', async () => {
    const ranked = (
      (
        await host.runtime.db
          .collection(COLLECTIONS.registrations)
          .where({ roundId: round.id, status: 'ranked' })
          .limit(1000)
          .get()
      ).data as RegistrationDoc[]
    ).sort((a, b) => a.window!.turn - b.window!.turn);
    const first = ranked.find((r) => r.window!.opensAt <= clock.getTime())!;
    const who = applicants.find((a) => a.householdId === first.householdId)!;
    const res = await call(who.openid, 'waive', { roundId: round.id });
    expect(res.data.status).toBe('waived');
    const log = await call(ADMIN, 'auditLog', { entityId: first._id });
    expect(log.data.map((e: { action: string }) => e.action)).toEqual(['registered', 'waived']);
    expect(log.data[1].detail).toContain('后续顺位依次递补');
    expect((await call(who.openid, 'selectUnit', { roundId: round.id, unitId: 'anything' })).error.code).toBe(
      'STATE_INVALID',
    );
  });

  it('results cannot be published while the entrants changed after the draw', async () => {
    await host.runtime.db.collection(COLLECTIONS.registrations).doc(`${round.id}-late`).set({
      roundId: round.id,
      projectId,
      householdId: 'late',
      userId: 'late',
      status: 'registered',
      tier: 7,
      lottery: null,
      window: null,
      unitId: null,
      contractId: null,
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
    });
    const refused = await call(ADMIN, 'publishResults', { roundId: round.id, noticeDays: 7 });
    expect(refused.error.message).toContain('报名名单发生了变化');
    await host.runtime.db.collection(COLLECTIONS.registrations).doc(`${round.id}-late`).remove();
    const published = await call(ADMIN, 'publishResults', { roundId: round.id, noticeDays: 7 });
    // Published on 2026-12-01 for 7 days: the notice includes its first day and ends on 2026-12-07.
    expect(published.data).toMatchObject({ status: 'publicized', noticeEndsOn: '2026-12-07' });
  });

  it('Ulanqab Art.13, 18: objections during the notice are stored once and shown to the office', async () => {
    const who = applicants[7]!.openid;
    const first = await call(who, 'fileObjection', { roundId: round.id, text: '对第 3 位的优先层级有异议' });
    const again = await call(who, 'fileObjection', { roundId: round.id, text: '对第 3 位的优先层级有异议' });
    expect(again.data.id).toBe(first.data.id);
    const listed = await call(ADMIN, 'listObjections', { roundId: round.id });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({
      text: '对第 3 位的优先层级有异议',
      registrationId: null,
      status: 'pending',
    });
    // An objection may name the household it is about (here the second household that selected a unit).
    const [, second] = await selectedRegistrations();
    const named = await call(who, 'fileObjection', {
      roundId: round.id,
      registrationId: second!._id,
      text: '该户已有自有住房',
    });
    expect(named.ok).toBe(true);
    expect(
      (await call(who, 'fileObjection', { roundId: round.id, registrationId: 'nobody', text: 'x' })).error
        .code,
    ).toBe('NOT_FOUND');
    expect((await call(who, 'listObjections', { roundId: round.id })).error.code).toBe('NOT_FOUND');
    const saved = clock;
    clock = new Date('2026-12-07T15:30:00Z'); // 23:30 Beijing time on the notice's last day
    const lastDay = await call(who, 'fileObjection', { roundId: round.id, text: '最后一天的异议' });
    expect(lastDay.ok).toBe(true);
    clock = new Date('2026-12-07T16:30:00Z'); // 00:30 Beijing time the day after
    expect((await call(who, 'fileObjection', { roundId: round.id, text: '晚了' })).error.message).toBe(
      '不在结果公示期内。',
    );
    clock = saved;
  });

  it('exports the results to Excel with masked ID numbers', async () => {
    const res = await call(ADMIN, 'exportResults', { roundId: round.id });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(res.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('配租结果')!;
    expect(sheet.rowCount).toBe(201);
    const id = String(sheet.getRow(2).getCell(5).value);
    expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('Wuchang 2(2)3: 选房 → 公示 → 签约: no lease is signed during the notice or while an objection holds it', async () => {
    const [reg, held] = await selectedRegistrations();
    const who = applicants.find((a) => a.householdId === reg!.householdId)!;
    const heldWho = applicants.find((a) => a.householdId === held!.householdId)!;
    const draft = await call(who.openid, 'getContract', { registrationId: reg!._id });
    expect(draft.data.signingNotice).toContain(
      '选房结果公示至 2026-12-07，公示期满后方可签约：最早 2026-12-08 起可签约',
    );
    const png = makeSignaturePng().toString('base64');
    const sign = (openid: string, registrationId: string, textSha256: string) =>
      call(openid, 'signContract', { registrationId, textSha256, signaturePngBase64: png });
    const during = await sign(who.openid, reg!._id, draft.data.textSha256);
    expect(during.error).toMatchObject({ code: 'STATE_INVALID' });
    expect(during.error.message).toContain('最早 2026-12-08 起可签约');
    expect(during.error.message).toContain('武昌调研报告 二(二)三');
    clock = new Date('2026-12-08T01:00:00Z');
    // The notice is over, but two objections naming nobody are still pending: the round is held.
    const heldRound = await sign(who.openid, reg!._id, draft.data.textSha256);
    expect(heldRound.error.message).toContain('本轮公示期内有异议正在核查');
    expect(heldRound.error.message).toContain('运营方设定（公示期异议的处理方式');
    const pending = (await call(ADMIN, 'listObjections', { roundId: round.id })).data as {
      id: string;
      registrationId: string | null;
    }[];
    for (const o of pending.filter((x) => !x.registrationId)) {
      const done = await call(ADMIN, 'resolveObjection', {
        objectionId: o.id,
        resolution: '经核查，优先层级认定无误',
      });
      expect(done.data).toMatchObject({ status: 'resolved' });
    }
    expect(
      (await call(who.openid, 'resolveObjection', { objectionId: pending[0]!.id, resolution: 'x' })).error
        .code,
    ).toBe('NOT_FOUND');
    // The household named by the remaining objection stays held; the others may sign.
    const heldDraft = await call(heldWho.openid, 'getContract', { registrationId: held!._id });
    const stillHeld = await sign(heldWho.openid, held!._id, heldDraft.data.textSha256);
    expect(stillHeld.error.message).toContain('公示期内有针对您家庭的异议（1 件）正在核查');
    expect(
      (await call(who.openid, 'getContract', { registrationId: reg!._id })).data.signingNotice,
    ).toBeNull();
    const trail = await call(ADMIN, 'auditLog', { entityId: round.id });
    expect(trail.data.map((e: { action: string }) => e.action)).toContain('objection_resolved');
  });

  it('a tenant signs the lease: text, signature and digest are stored, and reopening verifies the digest', async () => {
    const [reg] = (await selectedRegistrations()) as [RegistrationDoc];
    const who = applicants.find((a) => a.householdId === reg.householdId)!;
    const draft = await call(who.openid, 'getContract', { registrationId: reg._id });
    expect(draft.data.status).toBe('draft');
    expect(draft.data.text).toContain('公共租赁住房租赁合同');
    // The local host runs Wuchang's policy: the lease cites Wuchang's sources and settings, never Ulanqab's.
    expect(draft.data.text).not.toContain('乌兰察布');
    expect(draft.data.text).toContain('（运营方设定（取消保障资格的情形，武昌区住房保障部门，示例值））');
    expect(draft.data.text).toContain('（武昌调研报告 二(一)二 线上报修、线下维修团队快速响应）');
    const someoneElse = await call(applicants.find((a) => a !== who)!.openid, 'getContract', {
      registrationId: reg._id,
    });
    expect(someoneElse.error.code).toBe('NOT_FOUND');
    const badSig = await call(who.openid, 'signContract', {
      registrationId: reg._id,
      textSha256: draft.data.textSha256,
      signaturePngBase64: Buffer.alloc(200, 1).toString('base64'),
    });
    expect(badSig.error.code).toBe('INVALID_INPUT');
    const png = makeSignaturePng().toString('base64');
    expect(draft.data.signingNotice).toBeNull();
    const signed = await call(who.openid, 'signContract', {
      registrationId: reg._id,
      textSha256: draft.data.textSha256,
      signaturePngBase64: png,
    });
    expect(signed.data).toMatchObject({ status: 'signed', digestMatches: true });
    const again = await call(who.openid, 'signContract', {
      registrationId: reg._id,
      textSha256: draft.data.textSha256,
      signaturePngBase64: png,
    });
    expect(again.data.digest).toBe(signed.data.digest);
    expect(await count(COLLECTIONS.leases, { householdId: reg.householdId, status: 'active' })).toBe(1);
    expect(
      (await host.runtime.db.collection(COLLECTIONS.units).doc(reg.unitId!).get()).data[0],
    ).toMatchObject({ status: 'occupied' });
    const me = await host.invoke('account', { action: 'me' }, { openid: who.openid });
    expect(me.ok && (me.data as { tenant: { lease: { id: string } } }).tenant.lease.id).toBe(
      `l-c-${reg._id}`,
    );
    // Tampering with the stored text is detected when the contract is reopened.
    await host.runtime.db
      .collection(COLLECTIONS.contracts)
      .doc(`c-${reg._id}`)
      .update({ text: draft.data.text + '（被篡改）' });
    expect((await call(who.openid, 'getContract', { registrationId: reg._id })).data.digestMatches).toBe(
      false,
    );
    const trail = await call(ADMIN, 'auditLog', { entityId: `c-${reg._id}` });
    expect(trail.data.map((e: { action: string }) => e.action)).toEqual(['drafted', 'signed']);
  });

  it('malformed events and unknown actions change nothing', async () => {
    const before = await count(COLLECTIONS.registrations);
    expect((await call(applicants[1]!.openid, 'selectUnit', { roundId: round.id })).error.code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (await call(applicants[1]!.openid, 'register', { roundId: round.id, householdId: 'x' })).error.code,
    ).toBe('INVALID_INPUT');
    expect((await call(null, 'register', { roundId: round.id })).error.code).toBe('UNAUTHENTICATED');
    expect(await count(COLLECTIONS.registrations)).toBe(before);
  });
});
