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

const rows = Object.entries(CONTRACTS).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodTypeAny }>).map(([action, c]) => {
    const name = `${fn}.${action}`;
    const event = { ...(maximal(c.input, name, c.input) as object), action };
    return { name, fn, event, bytes: callBodyBytes(fn, event) };
  }),
);

describe('every action: the largest legal input fits in one call', () => {
  it.each(rows.map((r) => [r.name, r]))('%s', (_name, r) => {
    expect({ action: r.name, bytes: r.bytes, fits: r.bytes <= MAX_CALL_PAYLOAD_BYTES }).toEqual({
      action: r.name,
      bytes: r.bytes,
      fits: true,
    });
  });
});

describe('the local host accepts every largest legal input', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:' });
  });
  afterAll(() => host.close());

  it.each(rows.map((r) => [r.name, r]))('%s', async (name, r) => {
    // No caller: a call that gets past the size check ends at the contract or the identity check.
    const res = await host.invoke(r.fn, r.event, { openid: null });
    const code = res.ok ? 'ok' : res.error.code;
    expect({ name, code }).not.toEqual({ name, code: 'EXCEED_MAX_PAYLOAD_SIZE' });
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
