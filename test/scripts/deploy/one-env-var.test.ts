import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCloudbaseRc } from '../../../config/deploy/runtime';

const ROOT = path.resolve(__dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = path.join(dir, e);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx|json|md)$/.test(e) ? [full] : [];
  });
}

/** One variable names the environment for every part: the client build, cloudbaserc, the deploy, CI. */
describe('ANJU_ENV_ID is the only name for the CloudBase environment', () => {
  it('no other name for it is read or documented (ENV_ID, ANJU_CLOUD_ENV, CLOUDBASE_ENV)', () => {
    const scanned = [
      ...['client', 'config', 'scripts', 'cloudfunctions', 'types', 'docs'].flatMap((d) =>
        files(path.join(ROOT, d)),
      ),
      ...['README.md', 'cloudbaserc.json', 'package.json', '.ci/run', 'test/build-outputs.ts'].map((f) =>
        path.join(ROOT, f),
      ),
    ];
    const stale: string[] = [];
    for (const f of scanned) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?<![A-Z_])(ENV_ID|ANJU_CLOUD_ENV|CLOUDBASE_ENV)\b/g))
        stale.push(`${path.relative(ROOT, f)}: ${m[1]}`);
    }
    expect(stale).toEqual([]);
  });

  it('cloudbaserc.json, the client build and CI all read ANJU_ENV_ID', () => {
    expect(readCloudbaseRc().envId).toBe('{{env.ANJU_ENV_ID}}');
    expect(readFileSync(path.join(ROOT, 'config/index.ts'), 'utf8')).toMatch(/process\.env\.ANJU_ENV_ID/);
    expect(readFileSync(path.join(ROOT, 'client/app.ts'), 'utf8')).toMatch(/env: ANJU_ENV_ID/);
    expect(readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/ANJU_ENV_ID=.* npm run build/);
  });
});
