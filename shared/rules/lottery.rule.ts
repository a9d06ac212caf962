import type { PolicyPreset } from '../policy/policy-preset';
import { cite, type LawKey } from '../policy/sources';
import { bytesToHex, hmacSha256Keyed, sha256Hex, utf8ToBytes } from './digest';
import type { PriorityTier } from './priority.rule';
import { reason, type Reason } from './reason';

/**
 * The verifiable lottery (武昌调研报告 二(二)三: 项目公告-登记-摇号-选房-公示-签约; 乌兰察布 第十四、十六、十八条:
 * 抽签摇号确定轮候对象与房号, 过程和结果向社会公示).
 *
 * 1. Before registration closes the office publishes `commitSeed(seed)` = SHA-256(seed).
 * 2. At the draw it reveals the seed; anyone checks SHA-256(seed) against the commitment.
 * 3. Within each priority tier, applications are ranked by HMAC-SHA256(key = seed, message = application
 *    id), ascending lowercase hex (ties, practically impossible, by application id). Tiers are drawn in
 *    order (tier 1 first) and the overall order is the tiers in turn.
 * 4. The result carries the algorithm version and SHA-256 of the sorted input list (`tier:id` lines), so
 *    a change to the entrants after the draw is detectable.
 */
export const LOTTERY_ALGORITHM = 'anju-lottery/1 hmac-sha256(seed,applicationId) asc per tier';

export interface LotteryEntry {
  applicationId: string;
  tier: PriorityTier;
}

export interface RankedEntry {
  applicationId: string;
  tier: PriorityTier;
  /** 1-based rank within the tier. */
  tierRank: number;
  /** 1-based position in the overall order. */
  overallRank: number;
  /** HMAC-SHA256(seed, applicationId), hex. */
  score: string;
}

export interface LotteryResult {
  algorithm: string;
  seed: string;
  seedCommitment: string;
  inputDigest: string;
  entrants: number;
  ranked: RankedEntry[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Printable ASCII only, so the seed can be typed as an `openssl -hmac` argument byte for byte. */
const SEED = /^[\x20-\x7e]{16,256}$/;

/**
 * The commitment published with the project announcement, before registration closes (武昌调研报告 二(二)三;
 * 乌兰察布 第十八条 过程公开): SHA-256 of the seed's UTF-8 bytes, lowercase hex. Check it with
 * `printf %s SEED | openssl dgst -sha256`.
 */
export function commitSeed(seed: string): string {
  return sha256Hex(seed);
}

/** True when the revealed seed matches the published commitment (case-insensitive hex). */
export function verifySeed(seed: string, commitment: string): boolean {
  return sha256Hex(seed) === commitment.toLowerCase();
}

/**
 * SHA-256 of the entrants as sorted `tier:applicationId` lines joined by `\n` (乌兰察布 第十八条: the list
 * drawn from is public and fixed; any change after the draw changes this digest).
 */
export function inputDigest(entries: readonly LotteryEntry[]): string {
  return sha256Hex(
    entries
      .map((e) => `${e.tier}:${e.applicationId}`)
      .sort()
      .join('\n'),
  );
}

interface DrawProblem {
  code: string;
  key: LawKey;
  message: string;
}

function drawProblems(seed: string, commitment: string, entries: readonly LotteryEntry[]): DrawProblem[] {
  const out: DrawProblem[] = [];
  const add = (code: string, key: LawKey, message: string) => out.push({ code, key, message });
  if (seed.length < 16) add('SEED_TOO_SHORT', 'allocation.procedure', '摇号种子至少 16 个字符。');
  else if (!SEED.test(seed))
    add(
      'SEED_CHARSET',
      'allocation.lotteryPublicity',
      '摇号种子只能使用英文字母、数字和常用符号（可打印 ASCII，最多 256 个字符），以便公众用 openssl 复核。',
    );
  if (!verifySeed(seed, commitment))
    add(
      'SEED_MISMATCH',
      'allocation.lotteryPublicity',
      '公布的种子与登记截止前公示的承诺值（SHA-256）不一致。',
    );
  const seen = new Set<string>();
  for (const e of entries) {
    if (!ID.test(e.applicationId))
      add('BAD_APPLICATION_ID', 'allocation.procedure', `申请编号不合法：${e.applicationId}`);
    else if (seen.has(e.applicationId))
      add('DUPLICATE_APPLICATION', 'allocation.procedure', `申请编号重复：${e.applicationId}`);
    seen.add(e.applicationId);
  }
  return out;
}

/**
 * Problems that make a draw impossible: a bad seed, a bad or repeated id, a seed that fails its commitment;
 * each cites the district's procedure or its rule on publicity.
 */
export function validateDraw(
  seed: string,
  commitment: string,
  entries: readonly LotteryEntry[],
  policy: PolicyPreset,
): Reason[] {
  return drawProblems(seed, commitment, entries).map((p) => reason(p.code, cite(policy, p.key), p.message));
}

/**
 * Draws the lottery (武昌调研报告 二(二)三 摇号; 乌兰察布 第十四、十六、十八条). Within each priority tier the
 * entrants are ranked by HMAC-SHA256(key = seed, message = applicationId) ascending; tier 1 goes first.
 * Deterministic for a seed, independent of the order of `entries`, a permutation of them. Throws a
 * RangeError listing the problems when `validateDraw` finds any. No rounding involved.
 */
export function drawLottery(
  seed: string,
  commitment: string,
  entries: readonly LotteryEntry[],
): LotteryResult {
  const problems = drawProblems(seed, commitment, entries);
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('；'));
  const mac = hmacSha256Keyed(utf8ToBytes(seed));
  const n = entries.length;
  // Sort on a number: tier × 2^48 + the first 48 bits of the HMAC (exact in a double). Equal numbers
  // (same tier and first 6 bytes) fall back to the full hex, then the id, so the order is exactly
  // "tier, then HMAC hex ascending" as published.
  // Only the hex scores are kept (needed for the result anyway); the digests die young.
  const scores: string[] = new Array(n);
  const sortKeys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = entries[i] as LotteryEntry;
    const m = mac(e.applicationId);
    scores[i] = bytesToHex(m);
    sortKeys[i] =
      e.tier * 2 ** 48 +
      (m[0] as number) * 2 ** 40 +
      (m[1] as number) * 2 ** 32 +
      (m[2] as number) * 2 ** 24 +
      (m[3] as number) * 2 ** 16 +
      (m[4] as number) * 2 ** 8 +
      (m[5] as number);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const d = (sortKeys[a] as number) - (sortKeys[b] as number);
    if (d !== 0) return d;
    const ha = scores[a] as string;
    const hb = scores[b] as string;
    if (ha !== hb) return ha < hb ? -1 : 1;
    return (entries[a] as LotteryEntry).applicationId < (entries[b] as LotteryEntry).applicationId ? -1 : 1;
  });
  const tierCounters = new Map<number, number>();
  const ranked: RankedEntry[] = new Array(n);
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos] as number;
    const e = entries[i] as LotteryEntry;
    const tierRank = (tierCounters.get(e.tier) ?? 0) + 1;
    tierCounters.set(e.tier, tierRank);
    ranked[pos] = {
      applicationId: e.applicationId,
      tier: e.tier,
      tierRank,
      overallRank: pos + 1,
      score: scores[i] as string,
    };
  }
  return {
    algorithm: LOTTERY_ALGORITHM,
    seed,
    seedCommitment: commitment.toLowerCase(),
    inputDigest: inputDigest(entries),
    entrants: entries.length,
    ranked,
  };
}

/**
 * The command an applicant runs to recompute their score with standard tools (乌兰察布 第十八条 结果公开):
 * `printf %s 'APPID' | openssl dgst -sha256 -hmac 'SEED'`; arguments single-quoted for a POSIX shell. The
 * last field of its output equals `RankedEntry.score`.
 */
export function verificationCommand(seed: string, applicationId: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `printf %s ${q(applicationId)} | openssl dgst -sha256 -hmac ${q(seed)}`;
}
