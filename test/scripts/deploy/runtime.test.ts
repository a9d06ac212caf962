import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CLOUDBASE_NODE_RUNTIMES,
  esbuildTarget,
  functionsRuntime,
  readCloudbaseRc,
} from '../../../config/deploy/runtime';

/** Function bundles target the runtime they are deployed on (cloudbaserc.json). */
describe('the functions build targets the deployed runtime', () => {
  it.each([
    ['Nodejs16.13', 'node16.13'],
    ['Nodejs18.15', 'node18.15'],
    ['Nodejs20.19', 'node20.19'],
  ])('%s → esbuild target %s', (runtime, target) => expect(esbuildTarget(runtime)).toBe(target));

  it.each([['Nodejs8.9'], ['nodejs18'], ['Python3.9']])(
    'refuses %s, which CloudBase does not offer',
    (runtime) => expect(() => esbuildTarget(runtime)).toThrow(/不是云开发提供的 Node.js 运行时/),
  );

  it('every function in cloudbaserc.json shares one offered runtime, and the build uses it', () => {
    const rc = readCloudbaseRc();
    const runtime = functionsRuntime(rc);
    expect(CLOUDBASE_NODE_RUNTIMES).toContain(runtime);
    const build = readFileSync(path.resolve(__dirname, '../../../scripts/build-functions.ts'), 'utf8');
    expect(build).toMatch(/const target = esbuildTarget\(runtime\)/);
    expect(build).not.toMatch(/target: 'node\d/);
  });

  it('refuses functions on different runtimes (one bundle target for all)', () => {
    const rc = readCloudbaseRc();
    rc.functions[0]!.runtime = 'Nodejs20.19';
    expect(() => functionsRuntime(rc)).toThrow(/应使用同一个运行时/);
  });
});
