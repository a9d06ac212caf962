import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ENV_VARS } from '../../../config/deploy/environment-variables';
import { deployManifest } from '../../../config/deploy/manifest';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

/**
 * Evaluates a CloudBase rule value the way the rule language does for these expressions (a boolean, or a
 * JavaScript-like expression over `auth` and `resource`; https://docs.cloudbase.net/rule/learn-rules). The
 * rules here use only ==, !=, &&, string + and startsWith, which mean the same in JavaScript.
 */
function allows(
  rule: unknown,
  auth: { openid?: string } | null,
  resource: { openid: string; path: string },
): boolean {
  if (typeof rule === 'boolean') return rule;
  if (rule === undefined) return false; // an operation the rules do not list is refused
  return Boolean(new Function('auth', 'resource', `return (${String(rule)});`)(auth, resource));
}

describe('security rules: the client only calls functions', () => {
  it('the database rule refuses every direct read and write, and the deploy applies it to every collection', () => {
    const rule = read('config/security/database.rules.json');
    expect(rule).toEqual({ read: false, write: false });
    expect(JSON.parse(deployManifest().databaseRule)).toEqual(rule);
  });

  const storage = read('config/security/storage.rules.json');
  const me = { openid: 'oUser-me' };
  it.each([
    [
      'allowed: my own upload under uploads/<my openid>/',
      me,
      { openid: 'oUser-me', path: 'uploads/oUser-me/a.jpg' },
      true,
    ],
    ['refused: a file I made outside uploads/', me, { openid: 'oUser-me', path: 'exports/a.xlsx' }, false],
    [
      'refused: a file I made under another user’s folder',
      me,
      { openid: 'oUser-me', path: 'uploads/oUser-other/a.jpg' },
      false,
    ],
    [
      'refused: a prefix trick, uploads/<my openid>x/',
      me,
      { openid: 'oUser-me', path: 'uploads/oUser-mex/a.jpg' },
      false,
    ],
    [
      'refused: another user’s file in my folder',
      me,
      { openid: 'oUser-other', path: 'uploads/oUser-me/a.jpg' },
      false,
    ],
    ['refused: anyone not signed in', null, { openid: 'oUser-me', path: 'uploads/oUser-me/a.jpg' }, false],
    ['refused: a non-WeChat login without openid', {}, { openid: '', path: 'uploads//a.jpg' }, false],
  ])('storage write %s', (_case, auth, resource, expected) => {
    expect(allows(storage.write, auth, resource)).toBe(expected);
  });

  it.each([
    ['my own upload', me, { openid: 'oUser-me', path: 'uploads/oUser-me/a.jpg' }],
    ['an export', me, { openid: 'oUser-office', path: 'exports/bills-2026-11.xlsx' }],
    ['anyone not signed in', null, { openid: 'x', path: 'uploads/x/a.jpg' }],
  ])('storage read is refused: %s', (_case, auth, resource) => {
    expect(allows(storage.read, auth, resource)).toBe(false);
  });

  it('the deploy applies the storage rule file as a custom rule', () => {
    expect(deployManifest().storageRule).toEqual(storage);
  });
});

/** Variables CloudBase or the test runner sets, which the operator never gives. */
const PLATFORM_OR_LOCAL = new Map([
  ['TCB_ENV', 'set by CloudBase in a function'],
  ['SCF_NAMESPACE', 'set by CloudBase in a function'],
  ['TRIGGER_SRC', 'set by CloudBase when a timer fires'],
  // The function role's temporary keys, which SCF puts in every function's environment (the SMS client
  // signs with them: https://cloud.tencent.com/document/product/583/32748 环境变量 — TENCENTCLOUD_SECRETID,
  // TENCENTCLOUD_SECRETKEY, TENCENTCLOUD_SESSIONTOKEN).
  ['TENCENTCLOUD_SECRETID', 'set by the platform (function role)'],
  ['TENCENTCLOUD_SECRETKEY', 'set by the platform (function role)'],
  ['TENCENTCLOUD_SESSIONTOKEN', 'set by the platform (function role)'],
  ['JEST_WORKER_ID', 'set by jest (quiet logs in tests)'],
  ['ANJU_LOG', 'local: logs in tests'],
  ['DATA_DIR', 'local: the embedded database’s folder'],
  ['NODE_ENV', 'set by the build'],
  ['TARO_ENV', 'set by the build'],
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = path.join(dir, e);
    if (statSync(full).isDirectory()) return e === '_local' ? [] : sources(full);
    return /\.ts$/.test(e) ? [full] : [];
  });
}

describe('environment variables: every one a function reads is declared for the deploy', () => {
  it('each process.env.X (and need(X)) in cloudfunctions/ outside _local/ is declared or set by the platform', () => {
    const declared = new Set(ENV_VARS.map((v) => v.name));
    const undeclared: string[] = [];
    for (const file of sources(path.join(ROOT, 'cloudfunctions'))) {
      const text = readFileSync(file, 'utf8');
      const names = [
        ...text.matchAll(/\b(?:process\.env|env)\.([A-Z][A-Z0-9_]+)/g),
        ...text.matchAll(/\b(?:need|env)\(\s*'([A-Z][A-Z0-9_]+)'\s*\)/g),
      ].map((m) => m[1] as string);
      for (const n of names)
        if (!declared.has(n) && !PLATFORM_OR_LOCAL.has(n))
          undeclared.push(`${path.relative(ROOT, file)}: ${n}`);
    }
    expect(undeclared).toEqual([]);
    // the scan finds what it should
    expect(readFileSync(path.join(ROOT, 'cloudfunctions/_runtime/cloud-runtime.ts'), 'utf8')).toMatch(
      /need\('WXPAY_APPID'\)/,
    );
  });

  it('each declared variable says what it is in Chinese and has a check', () => {
    for (const v of ENV_VARS) {
      expect(v.description).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof v.check).toBe('function');
    }
  });
});
