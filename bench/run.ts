import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench [-- name ...]`: runs bench/<name>.bench.ts (all of them without a name). Each bench prints
 * its result as a ratio to a baseline measured in the same run; nothing here is a pass/fail timing.
 */
async function main() {
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .sort();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length) {
    console.error(`没有这个基准测试：${unknown.join(', ')}。可用：${available.join(', ')}`);
    process.exit(2);
  }
  for (const name of wanted.length ? wanted : available) {
    const mod = (await import(path.join(__dirname, `${name}.bench.ts`))) as { run: () => Promise<void> };
    console.log(`== ${name}`);
    await mod.run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
