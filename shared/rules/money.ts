/**
 * Money is integer fen (docs/conventions.md §8). Rates and areas produce fractional fen only inside a
 * computation; each result is rounded once, half away from zero, by `roundHalfUpFen`.
 */
export function roundHalfUpFen(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError('金额必须是有限数');
  // Correct float noise first (e.g. 1.005 * 100 = 100.49999999999999) so half-way cases round up.
  const corrected = Math.round(value * 1e6) / 1e6;
  return Math.sign(corrected) * Math.round(Math.abs(corrected));
}

/** Areas in m² with two decimals. */
export function roundAreaM2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Splits `totalFen` into parts proportional to `weights` (largest remainder); the parts always add up to
 * the total exactly.
 */
export function allocateFen(totalFen: number, weights: number[]): number[] {
  if (!Number.isInteger(totalFen)) throw new RangeError('总额必须是整数分');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0 || weights.some((w) => w < 0)) throw new RangeError('分摊权重不合法');
  const raw = weights.map((w) => (totalFen * w) / sum);
  const floors = raw.map((r) => Math.floor(r));
  let rest = totalFen - floors.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    rest--;
  }
  return floors;
}
