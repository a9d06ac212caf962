import { z } from 'zod';
import { CONTRACTS } from '@shared/contracts';

/**
 * Every field a caller can send has a bound that fits it (issue: "a category list of 10,000 entries, a 1 MB
 * file name are stored today"): every string a maximum length, every array a maximum size, every number a
 * finite range, every record a bounded key set. Walks each action's input schema.
 */
function unbounded(schema: z.ZodTypeAny, path: string, out: string[]): void {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind } & Record<string, unknown>;
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString: {
      const checks = (schema as z.ZodString)._def.checks;
      if (!checks.some((c) => c.kind === 'max' || c.kind === 'length'))
        out.push(`${path}: string without max`);
      return;
    }
    case z.ZodFirstPartyTypeKind.ZodNumber: {
      const checks = (schema as z.ZodNumber)._def.checks;
      const hasMin = checks.some((c) => c.kind === 'min');
      const hasMax = checks.some((c) => c.kind === 'max');
      if (!hasMin || !hasMax) out.push(`${path}: number without min and max`);
      return;
    }
    case z.ZodFirstPartyTypeKind.ZodArray: {
      const a = schema as z.ZodArray<z.ZodTypeAny>;
      if (!a._def.maxLength && !a._def.exactLength) out.push(`${path}: array without max`);
      unbounded(a.element, `${path}[]`, out);
      return;
    }
    case z.ZodFirstPartyTypeKind.ZodObject:
      for (const [k, v] of Object.entries((schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>))
        unbounded(v, `${path}.${k}`, out);
      return;
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodNullable:
      unbounded((schema as z.ZodOptional<z.ZodTypeAny>).unwrap(), path, out);
      return;
    case z.ZodFirstPartyTypeKind.ZodDefault:
      unbounded((schema as z.ZodDefault<z.ZodTypeAny>)._def.innerType, path, out);
      return;
    case z.ZodFirstPartyTypeKind.ZodEffects:
      unbounded((schema as z.ZodEffects<z.ZodTypeAny>)._def.schema, path, out);
      return;
    case z.ZodFirstPartyTypeKind.ZodUnion:
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      for (const [i, o] of ((def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>) instanceof Map
        ? [...(def.options as Map<unknown, z.ZodTypeAny>).values()]
        : (def.options as z.ZodTypeAny[])
      ).entries())
        unbounded(o, `${path}|${i}`, out);
      return;
    case z.ZodFirstPartyTypeKind.ZodRecord:
      out.push(`${path}: record (unbounded keys)`);
      return;
    case z.ZodFirstPartyTypeKind.ZodEnum:
    case z.ZodFirstPartyTypeKind.ZodNativeEnum:
    case z.ZodFirstPartyTypeKind.ZodLiteral:
    case z.ZodFirstPartyTypeKind.ZodBoolean:
    case z.ZodFirstPartyTypeKind.ZodNull:
    case z.ZodFirstPartyTypeKind.ZodUndefined:
      return;
    default:
      out.push(`${path}: unchecked kind ${String(def.typeName)}`);
  }
}

describe('every input field of every action is bounded', () => {
  const rows = Object.entries(CONTRACTS).flatMap(([fn, actions]) =>
    Object.entries(actions as Record<string, { input: z.ZodTypeAny }>).map(
      ([action, c]) => [`${fn}.${action}`, c.input] as const,
    ),
  );
  it.each(rows)('%s', (name, input) => {
    const out: string[] = [];
    unbounded(input, name, out);
    expect(out).toEqual([]);
  });

  it('the walker finds what it should', () => {
    const out: string[] = [];
    unbounded(
      z.object({
        a: z.string(),
        b: z.array(z.string().max(3)),
        c: z.number().int(),
        d: z.record(z.string(), z.string()),
      }),
      'x',
      out,
    );
    expect(out).toEqual([
      'x.a: string without max',
      'x.b: array without max',
      'x.c: number without min and max',
      'x.d: record (unbounded keys)',
    ]);
  });
});

describe('impossible values are refused at the contract', () => {
  const input = (fn: string, action: string) =>
    (CONTRACTS as unknown as Record<string, Record<string, { input: z.ZodTypeAny }>>)[fn]![action]!.input;
  it.each([
    ['a date that does not exist', 'patrol', 'addSeasonalPatrol', { startsOn: '2026-02-30' }],
    ['year zero', 'patrol', 'myToday', { date: '0000-00-00' }],
    ['an instant on 30 February', 'repair', 'extendDeadline', { deadline: '2026-02-30T10:00:00+08:00' }],
    ['month 13', 'billing', 'runMonthly', { period: '2026-13' }],
    ['a quarter Q5', 'patrol', 'generatePlan', { quarter: '2026-Q5' }],
    ['an adjustment of 1e21 fen', 'billing', 'recordEntry', { amountFen: 1e21 }],
    ['an adjustment of 1.79e308', 'billing', 'recordEntry', { amountFen: 1.79e308 }],
    ['an adjustment of a fraction of a fen', 'billing', 'recordEntry', { amountFen: 100.5 }],
    ['an adjustment one fen over ¥1,000,000', 'billing', 'recordEntry', { amountFen: 100_000_001 }],
  ])('%s', (_n, fn, action, fields) => {
    const res = input(fn, action).safeParse(fields);
    expect(res.success).toBe(false);
    const paths = res.success ? [] : res.error.issues.map((i) => i.path.join('.'));
    expect(paths).toContain(Object.keys(fields)[0]);
  });

  it.each([
    ['2028-02-29 exists', 'patrol', 'myToday', { date: '2028-02-29' }],
    ['¥1,000,000 exactly', 'billing', 'recordEntry', { amountFen: 100_000_000 }],
  ])('accepted: %s', (_n, fn, action, fields) => {
    const res = input(fn, action).safeParse(fields);
    const paths = res.success ? [] : res.error.issues.map((i) => i.path.join('.'));
    expect(paths).not.toContain(Object.keys(fields)[0]);
  });
});
