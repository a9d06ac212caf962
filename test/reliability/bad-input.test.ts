import { z } from 'zod';
import { CONTRACTS, instantSchema, isoDateSchema, monthSchema, quarterSchema } from '@shared/contracts';
import { ACTION_ROWS } from './action-rows';
import {
  buildScenario,
  diff,
  fullChecklist,
  START,
  type Ids,
  type Scenario,
  type Snapshot,
  type Who,
} from './scenario';
import { callBodyBytes, MAX_CALL_PAYLOAD_BYTES } from '../../cloudfunctions/_runtime/platform-limits';

/**
 * Bad input writes nothing: for every action, payloads made from its valid input by one fault each (a
 * required field missing, a field of the wrong type, an unknown key, a string or list one over its limit,
 * a number out of range or not whole, a date that does not exist) are INVALID_INPUT and leave every
 * collection and stored file as they were. Then the inputs the contract cannot judge alone (photos that are
 * not images, a deadline before the current one, a worker of another project, …) are checked by the
 * services the same way.
 */
type Path = (string | number)[];
interface Fault {
  name: string;
  payload: Record<string, unknown>;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
function setAt(root: Record<string, unknown>, path: Path, value: unknown, remove = false) {
  const out = clone(root);
  let node = out as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return out;
}

/** Peels optional, nullable, default and refinements off a schema; says whether it may be left out. */
function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean; date?: string } {
  const optional = schema.isOptional();
  let s = schema;
  for (;;) {
    if (s === isoDateSchema) return { inner: s, optional, date: '2026-02-30' };
    if (s === instantSchema) return { inner: s, optional, date: '2026-02-30T10:00:00+08:00' };
    if (s === monthSchema) return { inner: s, optional, date: '2026-13' };
    if (s === quarterSchema) return { inner: s, optional, date: '2026-Q5' };
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodEffects) s = s._def.schema;
    else return { inner: s, optional };
  }
}

/** A value the element schema of a list accepts (to make a list one too long). */
function sample(schema: z.ZodTypeAny): unknown {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) {
    const min = inner._def.checks.find((c) => c.kind === 'min' || c.kind === 'length');
    return 'x'.repeat(min && 'value' in min ? Math.max(1, min.value) : 1);
  }
  if (inner instanceof z.ZodEnum) return inner.options[0];
  if (inner instanceof z.ZodNumber) return 1;
  if (inner instanceof z.ZodBoolean) return true;
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodTypeAny>;
    return Object.fromEntries(
      Object.entries(shape)
        .filter(([, f]) => !f.isOptional())
        .map(([k, f]) => [k, sample(f)]),
    );
  }
  return null;
}

function faults(
  schema: z.ZodTypeAny,
  root: Record<string, unknown>,
  value: unknown,
  path: Path,
  out: Fault[],
) {
  const at = path.join('.') || '(payload)';
  const add = (what: string, v: unknown) =>
    out.push({ name: `${what} ${at}`, payload: setAt(root, path, v) });
  const { inner, date } = unwrap(schema);
  if (date) add('impossible date', date);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodTypeAny>;
    if (path.length) add('wrong type', 'x');
    if (path.length && value === undefined) return; // an optional object left out: only its type to fault
    if (inner._def.unknownKeys === 'strict')
      out.push({
        name: `unknown key in ${at}`,
        payload: path.length ? setAt(root, [...path, 'zz'], 1) : { ...clone(root), zz: 1 },
      });
    const obj = (value ?? {}) as Record<string, unknown>;
    for (const [k, f] of Object.entries(shape)) {
      if (!f.isOptional() && value !== undefined)
        out.push({
          name: `missing ${[...path, k].join('.')}`,
          payload: setAt(root, [...path, k], null, true),
        });
      if (value !== undefined) faults(f, root, obj[k], [...path, k], out);
    }
  } else if (inner instanceof z.ZodArray) {
    add('wrong type', 'x');
    const max = inner._def.maxLength?.value;
    const items = (value as unknown[] | undefined) ?? [];
    if (max !== undefined)
      add(
        'too many',
        Array.from({ length: max + 1 }, () => items[0] ?? sample(inner.element)),
      );
    if (inner._def.minLength && inner._def.minLength.value > 0) add('too few', []);
    if (items.length > 0) faults(inner.element, root, items[0], [...path, 0], out);
  } else if (inner instanceof z.ZodString) {
    add('wrong type', 123);
    for (const c of inner._def.checks) {
      if (c.kind === 'max' || c.kind === 'length') add('too long', 'x'.repeat(c.value + 1));
      if ((c.kind === 'min' && c.value > 0) || c.kind === 'length') add('too short', '');
    }
  } else if (inner instanceof z.ZodNumber) {
    add('wrong type', '1');
    for (const c of inner._def.checks) {
      if (c.kind === 'int') add('not whole', 1.5);
      if (c.kind === 'min') add('below range', c.value - 1);
      if (c.kind === 'max') add('above range', c.value + 1);
    }
  } else if (inner instanceof z.ZodBoolean) {
    add('wrong type', 'yes');
  } else if (inner instanceof z.ZodEnum) {
    add('not one of the choices', 'zz-not-a-choice');
  } else if (inner instanceof z.ZodUnion) {
    // One of several shapes (account.caseContact: a repair, a lease, a hazard or an exit case): the faults
    // of the shape the valid value has; none of them fits any other shape either.
    const options = inner.options as z.ZodTypeAny[];
    faults(options.find((o) => o.safeParse(value).success) ?? options[0]!, root, value, path, out);
  }
}

const inAnHour = new Date(START.getTime() + 3_600_000).toISOString();

/** Inputs only a service can judge: each INVALID_INPUT, nothing written. */
const SERVICE_CASES: [string, Who, string, string, (i: Ids) => Record<string, unknown>][] = [
  [
    'a repair photo that is not an image',
    'tA1',
    'repair',
    'file',
    (i) => ({ ...row('repair.file', i), photos: [i.up.notImageRepair] }),
  ],
  [
    'a repair photo over 2 MB',
    'tA1',
    'repair',
    'file',
    (i) => ({ ...row('repair.file', i), photos: [i.up.hugeRepair] }),
  ],
  [
    'a repair photo someone else uploaded',
    'tA1',
    'repair',
    'file',
    (i) => ({ ...row('repair.file', i), photos: [i.up.othersRepairPhoto] }),
  ],
  [
    'a photo uploaded for another purpose',
    'tA1',
    'repair',
    'file',
    (i) => ({ ...row('repair.file', i), photos: [i.up.wrongPurposeRepairPhoto] }),
  ],
  [
    'a photo already removed from storage',
    'tA1',
    'repair',
    'file',
    (i) => ({ ...row('repair.file', i), photos: [i.up.repairPhoto.replace(/\.png$/, 'x.png')] }),
  ],
  [
    'after-photos that are not images',
    'wA',
    'repair',
    'complete',
    (i) => ({ repairId: i.rep.inProgress, note: '已修好', afterPhotos: [i.up.notImageRepairAfter] }),
  ],
  [
    'a deadline earlier than the current one',
    'mA',
    'repair',
    'extendDeadline',
    (i) => ({ repairId: i.rep.submitted, deadline: '2026-11-22T11:00:00+08:00', reason: '等待配件' }),
  ],
  [
    'a worker of another project',
    'mA',
    'repair',
    'assign',
    (i) => ({ repairId: i.rep.submitted, workerUserId: 'u-wb', visitAt: '2026-11-24T10:00:00+08:00' }),
  ],
  [
    'months the wrong way round',
    'mA',
    'repair',
    'stats',
    () => ({ fromMonth: '2026-11', toMonth: '2026-10' }),
  ],
  [
    'months the wrong way round',
    'mA',
    'repair',
    'exportStats',
    () => ({ fromMonth: '2026-11', toMonth: '2026-10' }),
  ],
  [
    'registration closing before it opens',
    'admin',
    'allocation',
    'createRound',
    () => ({
      ...row('allocation.createRound'),
      registrationOpensAt: '2026-12-10T09:00:00+08:00',
      registrationClosesAt: '2026-12-01T09:00:00+08:00',
    }),
  ],
  [
    'two buildings with one name',
    'admin',
    'allocation',
    'createProject',
    () => ({
      ...row('allocation.createProject'),
      buildings: [
        { name: '1栋', floors: 6, highRise: false },
        { name: '1栋', floors: 8, highRise: false },
      ],
    }),
  ],
  [
    'a sheet with the wrong header',
    'admin',
    'allocation',
    'importUnits',
    (i) => ({ ...row('allocation.importUnits', i), fileId: i.up.badHeaderSheet }),
  ],
  [
    'an .xlsx that is not a workbook',
    'admin',
    'allocation',
    'importUnits',
    (i) => ({ projectId: 'p-a', fileName: 'units.xlsx', fileId: i.up.notXlsxSheet }),
  ],
  [
    'a signature that is not a PNG',
    'apSel',
    'allocation',
    'signContract',
    (i) => ({ registrationId: i.regSel, signatureFileId: i.up.notPngSignature, textSha256: i.textSha256 }),
  ],
  [
    'a negative payment',
    'mA',
    'billing',
    'recordEntry',
    (i) => ({ ...row('billing.recordEntry', i), amountFen: -100 }),
  ],
  [
    'a checklist item that does not exist',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({
      ...row('patrol.logVisit', i),
      checklist: [...fullChecklist(), { id: 'roof', result: 'ok', note: '' }],
    }),
  ],
  [
    'a checklist item answered twice',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({
      ...row('patrol.logVisit', i),
      checklist: [...fullChecklist(), { id: 'gas', result: 'problem', note: '' }],
    }),
  ],
  [
    'a checklist item left unanswered',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({ ...row('patrol.logVisit', i), checklist: fullChecklist().filter((c) => c.id !== 'gas') }),
  ],
  [
    'a refusal without a note',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({ ...row('patrol.logVisit', i), outcome: 'refused', checklist: [], notes: '' }),
  ],
  [
    'a visit in the future',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({ ...row('patrol.logVisit', i), visitedAt: inAnHour }),
  ],
  [
    'a visit before the patrol began',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({ ...row('patrol.logVisit', i), visitedAt: '2026-09-30T10:00:00+08:00' }),
  ],
  [
    'a visit photo that is not an image',
    'vA',
    'patrol',
    'logVisit',
    (i) => ({ ...row('patrol.logVisit', i), photos: [i.up.notImageVisit] }),
  ],
  [
    'a hazard with neither a visit nor a building',
    'vA',
    'patrol',
    'reportHazard',
    (i) => {
      const { visitId: _v, ...rest } = row('patrol.reportHazard', i);
      return rest;
    },
  ],
  [
    'a hazard found in the future',
    'vA',
    'patrol',
    'reportHazard',
    (i) => ({ ...row('patrol.reportHazard', i), reportedAt: inAnHour }),
  ],
  [
    'a hazard photo that is not an image',
    'vA',
    'patrol',
    'reportHazard',
    (i) => ({ ...row('patrol.reportHazard', i), photos: [i.up.notImageHazard] }),
  ],
  [
    'both a worker and a named party',
    'mA',
    'patrol',
    'assignHazard',
    (i) => ({ hazardId: i.hz.open, assigneeUserId: 'u-wa', assigneeName: '燃气公司' }),
  ],
  ['neither a worker nor a named party', 'mA', 'patrol', 'assignHazard', (i) => ({ hazardId: i.hz.open })],
  [
    'a worker of another project',
    'mA',
    'patrol',
    'assignHazard',
    (i) => ({ hazardId: i.hz.open, assigneeUserId: 'u-wb' }),
  ],
  [
    'after-photos that are not images',
    'wA',
    'patrol',
    'rectifyHazard',
    (i) => ({ hazardId: i.hz.assigned, note: '已更换', afterPhotos: [i.up.notImageHazardAfter] }),
  ],
  [
    'a failed recheck without a reason',
    'mA',
    'patrol',
    'recheckHazard',
    (i) => ({ hazardId: i.hz.rectified, passed: false }),
  ],
  [
    'needs help without saying what',
    'vA',
    'patrol',
    'careCheckIn',
    (i) => ({ ...row('patrol.careCheckIn', i), outcome: 'needs_help' }),
  ],
  [
    'help described for a resident who is well',
    'vA',
    'patrol',
    'careCheckIn',
    (i) => ({ ...row('patrol.careCheckIn', i), help: { description: '买药', urgent: false } }),
  ],
  [
    'a check-in in the future',
    'vA',
    'patrol',
    'careCheckIn',
    (i) => ({ ...row('patrol.careCheckIn', i), at: inAnHour }),
  ],
  [
    'a volunteer of another project',
    'mA',
    'patrol',
    'careUpsert',
    () => ({ ...row('patrol.careUpsert'), volunteerUserId: 'u-vb' }),
  ],
  [
    'a contact user who does not exist',
    'mA',
    'patrol',
    'careUpsert',
    () => ({
      ...row('patrol.careUpsert'),
      contacts: [{ name: '女儿', phone: '13900000000', userId: 'u-nobody' }],
    }),
  ],
  [
    'a seasonal patrol due before it starts',
    'mA',
    'patrol',
    'addSeasonalPatrol',
    () => ({ ...row('patrol.addSeasonalPatrol'), startsOn: '2026-12-20', dueOn: '2026-12-01' }),
  ],
  [
    'a seasonal patrol across two quarters',
    'mA',
    'patrol',
    'addSeasonalPatrol',
    () => ({ ...row('patrol.addSeasonalPatrol'), startsOn: '2026-12-20', dueOn: '2027-01-05' }),
  ],
  [
    'a seasonal patrol with neither a preset nor a name',
    'mA',
    'patrol',
    'addSeasonalPatrol',
    () => {
      const { preset: _p, ...rest } = row('patrol.addSeasonalPatrol');
      return rest;
    },
  ],
  [
    'a plan for a quarter already over',
    'mA',
    'patrol',
    'generatePlan',
    () => ({ quarter: '2026-Q3', projectIds: ['p-a'] }),
  ],
  [
    'a volunteer of another project',
    'mA',
    'patrol',
    'moveRoute',
    (i) => ({ routeId: i.routeA, volunteerUserId: 'u-vb' }),
  ],
  [
    'a holiday that does not exist',
    'admin',
    'account',
    'saveHolidayCalendar',
    () => ({ ...row('account.saveHolidayCalendar'), holidays: [{ date: '2027-02-30', name: '春节' }] }),
  ],
  [
    'one day both a holiday and a working day',
    'admin',
    'account',
    'saveHolidayCalendar',
    () => ({ ...row('account.saveHolidayCalendar'), workdays: ['2027-01-01'] }),
  ],
  [
    'a year already over',
    'admin',
    'account',
    'saveHolidayCalendar',
    () => ({ year: 2025, holidays: [{ date: '2025-01-01', name: '元旦' }], workdays: [], noticeRef: '' }),
  ],
];

let ids: Ids;
function row(name: string, i: Ids = ids): Record<string, unknown> {
  return ACTION_ROWS[name]!.input(i);
}

describe('bad input writes nothing', () => {
  let s: Scenario;
  let current: Snapshot;
  beforeAll(async () => {
    s = await buildScenario();
    ids = s.ids;
    current = await s.snapshot();
  }, 60_000);
  afterAll(() => s.close());

  /**
   * The refusal a bad payload gets: INVALID_INPUT from the contract, or — when the payload is over
   * CloudBase's call limit — EXCEED_MAX_PAYLOAD_SIZE from the platform before the function runs.
   */
  const refusalFor = (fn: string, action: string, payload: object) =>
    callBodyBytes(fn, { ...payload, action }) > MAX_CALL_PAYLOAD_BYTES
      ? 'EXCEED_MAX_PAYLOAD_SIZE'
      : 'INVALID_INPUT';

  const expectRefusedUnchanged = async (who: Who, fn: string, action: string, payload: object) => {
    const answer = await s.call(who, fn, action, payload);
    const after = await s.snapshot();
    const changes = diff(current, after);
    current = after;
    expect({ code: answer.ok ? 'ok' : answer.error.code, changes }).toEqual({
      code: refusalFor(fn, action, payload),
      changes: '',
    });
  };

  describe.each(Object.keys(ACTION_ROWS))('%s', (name) => {
    it('refuses every malformed payload, changing nothing', async () => {
      const [fn, action] = name.split('.') as [string, string];
      const r = ACTION_ROWS[name]!;
      const schema = (CONTRACTS as unknown as Record<string, Record<string, { input: z.ZodTypeAny }>>)[fn]![
        action
      ]!.input;
      const base = r.input(s.ids);
      const list: Fault[] = [];
      faults(schema, base, base, [], list);
      expect(list.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const f of list) {
        const answer = await s.call(r.owner, fn, action, f.payload);
        const after = await s.snapshot();
        const changes = diff(current, after);
        current = after;
        const code = answer.ok ? 'ok' : answer.error.code;
        if (code !== refusalFor(fn, action, f.payload) || changes)
          failures.push(`${f.name}: ${code}${changes ? `, wrote ${changes}` : ''}`);
      }
      expect(failures).toEqual([]);
      // One call and one snapshot per fault: an action with a large input (the district settings and their
      // operator settings) has over a hundred, more than jest's default 5 s on a busy machine.
    }, 60_000);
  });

  it.each(SERVICE_CASES)('%s (%s: %s.%s)', async (_name, who, fn, action, input) => {
    await expectRefusedUnchanged(who, fn, action, input(s.ids));
  });
});
