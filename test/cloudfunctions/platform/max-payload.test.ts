import { z } from 'zod';
import { CONTRACTS } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { callBodyBytes, MAX_CALL_PAYLOAD_BYTES } from '../../../cloudfunctions/_runtime/platform-limits';
import { bodyCost, maximal, NoMaximalValue } from './max-input';

/**
 * Every action's largest legal input fits in one call: CloudBase refuses a call body over 100 KB
 * (https://docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE). The largest input is built
 * from the action's zod schema (max-input.ts: every string at its maximum length in its costliest
 * characters, every array full, every optional present) and measured as the SDK sends it.
 */

/**
 * Actions that still carry a file as base64 inside the call. Photos, the contract signature and unit
 * import sheets are moving to cloud storage (the function gets cloud file IDs, issue #15); until that
 * lands these are over the limit — the test expects them to be, so that it fails when the migration is
 * merged. THEN DELETE THIS LIST: every action is then held to the limit like the rest.
 */
const PENDING_FILE_ID_MIGRATION = [
  'allocation.importUnits', // the sheet as base64 (up to 5,000,000 characters)
  'allocation.signContract', // the signature PNG as base64
  'repair.file', // up to 9 photos as base64
  'repair.complete', // photos after the repair
  'patrol.reportHazard', // hazard photos
  'patrol.rectifyHazard', // photos of the rectification
  'patrol.logVisit', // photos of the visit
];

const rows = Object.entries(CONTRACTS).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodTypeAny }>).map(([action, c]) => {
    const name = `${fn}.${action}`;
    // The pending ones are megabytes over even in one-byte characters; building them from the costliest
    // characters would only make the test slow.
    const fills = PENDING_FILE_ID_MIGRATION.includes(name) ? ['a'] : undefined;
    const event = { ...(maximal(c.input, name, c.input, fills) as object), action };
    return { name, fn, event, bytes: callBodyBytes(fn, event) };
  }),
);

describe('every action: the largest legal input fits in one call', () => {
  it.each(rows.filter((r) => !PENDING_FILE_ID_MIGRATION.includes(r.name)).map((r) => [r.name, r]))(
    '%s',
    (_name, r) => {
      expect({ action: r.name, bytes: r.bytes, fits: r.bytes <= MAX_CALL_PAYLOAD_BYTES }).toEqual({
        action: r.name,
        bytes: r.bytes,
        fits: true,
      });
    },
  );

  it.each(PENDING_FILE_ID_MIGRATION)(
    '%s still sends a file inside the call (over the limit until it sends a cloud file ID)',
    (name) => {
      const r = rows.find((x) => x.name === name);
      expect(r).toBeDefined();
      expect(r!.bytes).toBeGreaterThan(MAX_CALL_PAYLOAD_BYTES);
    },
  );
});

describe('the local host accepts every largest legal input and refuses the pending ones', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:' });
  });
  afterAll(() => host.close());

  it.each(rows.map((r) => [r.name, r]))('%s', async (name, r) => {
    // No caller: a call that gets past the size check ends at the contract or the identity check.
    const res = await host.invoke(r.fn, r.event, { openid: null });
    const code = res.ok ? 'ok' : res.error.code;
    if (PENDING_FILE_ID_MIGRATION.includes(name)) expect(code).toBe('EXCEED_MAX_PAYLOAD_SIZE');
    else expect(code).not.toBe('EXCEED_MAX_PAYLOAD_SIZE');
  });
});

describe('the generator of largest inputs', () => {
  it('takes the costliest characters a string accepts, every optional field and full arrays', () => {
    const v = maximal(
      z
        .object({
          free: z.string().max(3),
          cjkOnly: z
            .string()
            .max(2)
            .regex(/^[\u4e00-\u9fff]+$/),
          code: z
            .string()
            .max(8)
            .regex(/^[a-z]+$/),
          date: z
            .string()
            .length(10)
            .regex(/^\d{4}-\d{2}-\d{2}$/),
          file: z
            .string()
            .max(8)
            .regex(/\.(xlsx|csv)$/),
          list: z.array(z.number().int().min(-100).max(10)).max(2),
          maybe: z.enum(['a', 'bbb']).optional(),
          either: z.union([z.literal('x'), z.object({ y: z.string().max(4) })]),
        })
        .strict(),
    );
    expect(v).toEqual({
      free: '\u0001\u0001\u0001',
      cjkOnly: '中中',
      code: 'aaaaaaaa',
      date: '2026-12-31',
      file: '\u0001\u0001\u0001\u0001.csv', // 4 × 7 + 4 bytes beats 3 × 7 + 5
      list: [-100, -100],
      maybe: 'bbb',
      either: { y: '\u0001\u0001\u0001\u0001' },
    });
    // A control character costs 7 bytes in the body the SDK sends, a Chinese character 3.
    expect(bodyCost('\u0001') - bodyCost('')).toBe(7);
    expect(bodyCost('中') - bodyCost('')).toBe(3);
  });

  it('says where it cannot find a largest value', () => {
    expect(() => maximal(z.object({ a: z.object({ b: z.string() }) }), 'x')).toThrow(
      new NoMaximalValue('x.a.b: string without max'),
    );
  });
});
