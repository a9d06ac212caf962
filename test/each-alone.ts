/**
 * Runs every test of the given test files on its own (`jest <file> -t '^<full name>$'`, one jest process
 * per test) and reports the tests that do not pass alone: a test that needs an earlier one to have run
 * first cannot be read, or rerun, by itself.
 *
 *   npx tsx test/each-alone.ts test/cloudfunctions/billing/billing.test.ts [more files…]
 *   npx tsx test/each-alone.ts --project functions --project client     (every file of those projects)
 *
 * Prints one line per file (`passed alone / tests`), then the names that failed alone; exits 1 if any did.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface JestJson {
  numFailedTests: number;
  numPassedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

const root = path.resolve(__dirname, '..');
const jest = path.join(root, 'node_modules', '.bin', 'jest');
const out = mkdtempSync(path.join(os.tmpdir(), 'each-alone-'));

function runJest(args: string[], outputFile: string): JestJson | null {
  spawnSync(jest, [...args, '--json', `--outputFile=${outputFile}`, '--silent'], {
    cwd: root,
    stdio: 'ignore',
  });
  try {
    return JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
  } catch {
    return null;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function files(): string[] {
  const args = process.argv.slice(2);
  const projects: string[] = [];
  const named: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--project') projects.push(args[++i] ?? '');
    else named.push(args[i] ?? '');
  }
  if (projects.length === 0) return named;
  const listed = execFileSync(jest, ['--listTests', ...projects.flatMap((p) => ['--selectProjects', p])], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((l) => l.endsWith('.test.ts') || l.endsWith('.test.tsx'))
    .map((l) => path.relative(root, l))
    .sort();
}

let failedAny = false;
let n = 0;
for (const file of files()) {
  const all = runJest([file], path.join(out, `all-${n}.json`));
  const results = all?.testResults.flatMap((r) => r.assertionResults) ?? [];
  const names = results.filter((a) => a.status !== 'pending').map((a) => a.fullName);
  const skipped = results.length - names.length;
  const failing: string[] = [];
  for (const name of names) {
    const res = runJest([file, '-t', `^${escape(name)}$`], path.join(out, `one-${n++}.json`));
    if (!res || res.numFailedTests > 0 || res.numPassedTests !== 1) failing.push(name);
  }
  const together = all ? `${all.numPassedTests}/${names.length} together` : 'did not run';
  const skips = skipped > 0 ? `, ${skipped} skipped` : '';
  console.log(`${file}: ${names.length - failing.length}/${names.length} pass alone (${together}${skips})`);
  for (const name of failing) console.log(`  ✗ ${name}`);
  if (failing.length > 0 || !all) failedAny = true;
}
process.exit(failedAny ? 1 : 0);
