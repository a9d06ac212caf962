import { z } from 'zod';

/**
 * The largest value a zod input schema accepts, for measuring the worst-case size of a call (issue #15):
 * every string at its maximum length, filled with the character that costs most bytes in the request body
 * among those the string accepts (a control character is 6 bytes as JSON and 7 once the SDK encodes the
 * event again; `"` is 4; a Chinese character 3), every array at its maximum length, every optional field
 * present, the widest number, the longest enum value, the biggest union member. Walks the schema like
 * test/shared/contract-bounds.test.ts. Array-level rules (unique items) and object-level refinements are
 * not applied: they do not change the size.
 */

/** How many bytes a value adds to the body the SDK sends (its JSON, encoded again as a string). */
export const bodyCost = (value: unknown): number =>
  Buffer.byteLength(JSON.stringify(JSON.stringify(value)), 'utf8');

/** Fill characters, costliest first. */
export const COSTLIEST_FILLS = ['\u0001', '"', '\\', '中', 'a'];
/** Shaped values for strings with a format (dates, instants, digests, file names). */
const SHAPED = [
  '2026-12-31T23:59:59.999+08:00',
  '2026-12-31T23:59:59+08:00',
  '2026-12-31',
  '2026-12',
  '2026-Q4',
  'f'.repeat(64),
  // A resident ID number that passes its check digit (GB 11643; the standard's own example).
  '11010519491231002X',
  // The longest cloud file ID shared/uploads.ts accepts (`cloud://<env>.<bucket>/<path>`, 512 characters).
  `cloud://${'e'.repeat(63)}.${'b'.repeat(63)}/${'p'.repeat(512 - 8 - 63 - 1 - 63 - 1)}`,
];
const SUFFIXES = ['.xlsx', '.csv', '.jpg', '.png'];

export class NoMaximalValue extends Error {}

function largest(candidates: unknown[], accepts: (v: unknown) => boolean): unknown {
  let best: { value: unknown; cost: number } | null = null;
  for (const value of candidates) {
    if (!accepts(value)) continue;
    const cost = bodyCost(value);
    if (!best || cost > best.cost) best = { value, cost };
  }
  if (!best) throw new NoMaximalValue('no accepted candidate');
  return best.value;
}

function stringCandidates(s: z.ZodString, fills: string[]): string[] {
  const checks = s._def.checks;
  const max = checks.find((c) => c.kind === 'max' || c.kind === 'length') as { value: number } | undefined;
  if (!max) throw new NoMaximalValue('string without max');
  const n = max.value;
  const out: string[] = [];
  for (const c of fills) {
    out.push(c.repeat(n));
    for (const suffix of SUFFIXES) if (n > suffix.length) out.push(c.repeat(n - suffix.length) + suffix);
  }
  for (const shaped of SHAPED) if (shaped.length <= n) out.push(shaped);
  out.push('A'.repeat(n), '0'.repeat(n), 'a-'.repeat(n).slice(0, n));
  return out;
}

function numberCandidates(s: z.ZodNumber): number[] {
  const checks = s._def.checks;
  // A schema refined again (`fenSchema.min(0).max(…)`) carries several bounds: the tightest ones hold.
  const mins = checks.filter((c) => c.kind === 'min').map((c) => (c as { value: number }).value);
  const maxes = checks.filter((c) => c.kind === 'max').map((c) => (c as { value: number }).value);
  const isInt = checks.some((c) => c.kind === 'int');
  const lo = mins.length ? Math.max(...mins) : isInt ? Number.MIN_SAFE_INTEGER : -Number.MAX_VALUE;
  const hi = maxes.length ? Math.min(...maxes) : isInt ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE;
  const out = [lo, hi, lo + 1, hi - 1];
  if (!isInt) out.push(lo + (hi - lo) / 3, hi - (hi - lo) / 7, lo + (hi - lo) * 0.123456789012345);
  return out;
}

/**
 * The largest value `schema` accepts. `outer` is the schema the value must pass (the same one, or the
 * refinement/optional wrapping it), so a refined string (a real date) is checked by its refinement.
 * `fills` are the characters tried for free text, costliest first (a cheaper list makes a quick value of
 * full length, e.g. for inputs known to be far over the limit).
 */
export function maximal(
  schema: z.ZodTypeAny,
  path = '',
  outer: z.ZodTypeAny = schema,
  fills: string[] = COSTLIEST_FILLS,
): unknown {
  const inner = (s: z.ZodTypeAny, p: string, o: z.ZodTypeAny = s) => maximal(s, p, o, fills);
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind } & Record<string, unknown>;
  const accepts = (v: unknown) => outer.safeParse(v).success;
  try {
    switch (def.typeName) {
      case z.ZodFirstPartyTypeKind.ZodString:
        return largest(stringCandidates(schema as z.ZodString, fills), accepts);
      case z.ZodFirstPartyTypeKind.ZodNumber:
        return largest(numberCandidates(schema as z.ZodNumber), accepts);
      case z.ZodFirstPartyTypeKind.ZodBoolean:
        return false;
      case z.ZodFirstPartyTypeKind.ZodNull:
        return null;
      case z.ZodFirstPartyTypeKind.ZodLiteral:
        return (schema as z.ZodLiteral<unknown>).value;
      case z.ZodFirstPartyTypeKind.ZodEnum:
        return largest([...(schema as z.ZodEnum<[string, ...string[]]>).options], () => true);
      case z.ZodFirstPartyTypeKind.ZodNativeEnum:
        return largest(Object.values((schema as z.ZodNativeEnum<z.EnumLike>).enum), () => true);
      case z.ZodFirstPartyTypeKind.ZodOptional:
      case z.ZodFirstPartyTypeKind.ZodNullable:
        return inner((schema as z.ZodOptional<z.ZodTypeAny>).unwrap(), path, outer);
      case z.ZodFirstPartyTypeKind.ZodDefault:
        return inner((schema as z.ZodDefault<z.ZodTypeAny>)._def.innerType, path, outer);
      case z.ZodFirstPartyTypeKind.ZodEffects:
        return inner((schema as z.ZodEffects<z.ZodTypeAny>)._def.schema, path, outer);
      case z.ZodFirstPartyTypeKind.ZodArray: {
        const a = schema as z.ZodArray<z.ZodTypeAny>;
        const n = a._def.exactLength?.value ?? a._def.maxLength?.value;
        if (n === undefined) throw new NoMaximalValue('array without max');
        const item = inner(a.element, `${path}[]`);
        return Array.from({ length: n }, () => item);
      }
      case z.ZodFirstPartyTypeKind.ZodObject: {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries((schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>))
          out[k] = inner(v, `${path}.${k}`);
        return out;
      }
      case z.ZodFirstPartyTypeKind.ZodUnion:
      case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion: {
        const options =
          def.options instanceof Map
            ? [...(def.options as Map<unknown, z.ZodTypeAny>).values()]
            : (def.options as z.ZodTypeAny[]);
        return largest(
          options.map((o, i) => inner(o, `${path}|${i}`)),
          () => true,
        );
      }
      default:
        throw new NoMaximalValue(`unsupported kind ${String(def.typeName)}`);
    }
  } catch (err) {
    if (err instanceof NoMaximalValue && !err.message.includes(': ')) {
      throw new NoMaximalValue(`${path || '(root)'}: ${err.message}`);
    }
    throw err;
  }
}
