import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { utf8ToBytes } from '@noble/hashes/utils';
import { commitSeed, drawLottery, type LotteryEntry, type PriorityTier } from '../shared/rules';

/**
 * `npm run bench -- lottery`: ranks 100,000 applications and compares with the floor, a bare loop of
 * 100,000 HMAC-SHA256 computations with the same library, measured in the same run (best of 3 each).
 * Goal: within 1.5× of the floor.
 */
const N = 100_000;

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

export async function run(): Promise<void> {
  const seed = 'bench-seed-0123456789abcdef';
  const commitment = commitSeed(seed);
  const entries: LotteryEntry[] = Array.from({ length: N }, (_, i) => ({
    applicationId: `app-${String(i).padStart(7, '0')}`,
    tier: ((i % 7) + 1) as PriorityTier,
  }));
  const key = utf8ToBytes(seed);
  let sink = 0;
  const floor = best(3, () => {
    for (const e of entries) sink += hmac(sha256, key, utf8ToBytes(e.applicationId))[0] as number;
  });
  const draw = best(3, () => {
    sink += drawLottery(seed, commitment, entries).ranked.length;
  });
  const ratio = draw / floor;
  console.log(
    `lottery: ${N} applications, draw ${draw.toFixed(0)} ms, bare HMAC-SHA256 loop ${floor.toFixed(0)} ms, ratio ${ratio.toFixed(2)}x (goal <= 1.5x)${sink < 0 ? '' : ''}`,
  );
}
