import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENV_VARS } from '../../config/deploy/environment-variables';
import { CREDENTIAL_VARS } from '../../scripts/deploy/manager';
import { validSettings } from './deploy/fake-manager';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');

/** The shell commands of the README's "Deploying to CloudBase" section, in order. */
function deploymentCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Deploying to CloudBase');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * Runs the README's deployment sequence as a district's IT person would type it, with test values for the
 * exported settings (never a real key) and no API key, so every command that would touch the cloud runs in
 * its dry-run form and reaches no network.
 */
describe('README: the deployment sequence', () => {
  const commands = deploymentCommands();
  const settings = validSettings();

  it('is a short sequence of exports and npm commands this test knows how to run', () => {
    expect(commands.length).toBeGreaterThan(3);
    const known = new Set<string>(['ANJU_ENV_ID', ...CREDENTIAL_VARS, ...ENV_VARS.map((v) => v.name)]);
    for (const c of commands) {
      const exp = /^export ([A-Z_][A-Z0-9_]*)=/.exec(c);
      if (exp) expect(known).toContain(exp[1]);
      else expect(c).toMatch(/^npm run (deploy|test:cloud)\b/);
    }
    expect(commands).toContain('npm run deploy');
  });

  it('every command runs: the deploy (in dry-run form) plans, and test:cloud says it skipped', () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(ANJU_|WXPAY_|TENCENTCLOUD_|NODE_ENV$|JEST_WORKER_ID$)/.test(k)) env[k] = v;
    env.ANJU_FUNCTIONS_OUT = mkdtempSync(path.join(os.tmpdir(), 'anju-readme-'));
    const outputs: string[] = [];
    for (const c of commands) {
      const exp = /^export ([A-Z_][A-Z0-9_]*)=/.exec(c);
      if (exp) {
        const name = exp[1] as string;
        // An API key would make the dry run read a real environment: the test has none to give.
        if (!(CREDENTIAL_VARS as readonly string[]).includes(name)) env[name] = settings[name] ?? '';
        continue;
      }
      const args = c.replace(/^npm run /, '').split(/\s+/);
      if (args[0] === 'deploy' && !args.includes('--dry-run'))
        args.push(...(args.includes('--') ? [] : ['--']), '--dry-run');
      const res = spawnSync('npm', ['run', '--silent', ...args], {
        cwd: ROOT,
        env: env as NodeJS.ProcessEnv,
        encoding: 'utf8',
      });
      const out = `${res.stdout}${res.stderr}`;
      outputs.push(out);
      expect({ command: c, code: res.status }).toEqual({ command: c, code: 0 });
      if (args[0] === 'deploy') {
        expect(out).toContain(`部署计划：云开发环境 ${settings.ANJU_ENV_ID}`);
        expect(out).toContain('没有更改任何东西');
        // every WeChat Pay setting the README exports is accepted: none is reported missing or wrong
        expect(out).not.toMatch(/缺少环境变量|环境变量 \w+ 的值不对/);
      } else expect(out).toContain('云端测试已跳过');
    }
    expect(outputs).toHaveLength(commands.filter((c) => !c.startsWith('export ')).length);
  });
});
