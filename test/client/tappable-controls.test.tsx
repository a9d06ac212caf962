import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue #19: a View, Text or Image a person taps is a control like any button: it says what it is (a role,
 * so a screen reader announces it) and, in the browser, is reached with Tab and worked with Enter or Space
 * (`pressable()`, components/keyboard.ts). The browser's keyboard test finds controls by their role, so a
 * tappable element with neither is invisible to it: this scan of the client's source is the guard.
 */
const CLIENT = path.resolve(__dirname, '../../client');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith('.tsx') ? [file] : [];
  });
}

/** Each `<View|Text|Image …>` opening tag with an onClick but no role or no pressable(), as file:line. */
export function bareTappables(file: string, text: string): string[] {
  const found: string[] = [];
  const tag = /<(View|Text|Image)\b((?:[^<>]|=>|\{[^{}]*\})*?)>/gs;
  for (const m of text.matchAll(tag)) {
    const attrs = m[2] ?? '';
    if (!/\bonClick=/.test(attrs)) continue;
    const hasRole = /\brole=|role: '/.test(attrs);
    const hasKeys = /pressable\(/.test(attrs);
    if (!hasRole || !hasKeys) found.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
  }
  return found;
}

describe('every tappable View, Text or Image has a role and keyboard access', () => {
  it('finds a bare one (the scan can fail)', () => {
    const bare = `<View className="card" id="x" onClick={() => go()}>\n<Text className="link" onClick={() => undo()}>撤销</Text>`;
    expect(bareTappables('sample.tsx', bare)).toEqual(['sample.tsx:1', 'sample.tsx:2']);
    const good = `<View role="link" {...pressable()} onClick={() => go()}>\n<Text {...{ role: 'button' }} {...pressable()} onClick={() => undo()}>`;
    expect(bareTappables('sample.tsx', good)).toEqual([]);
  });

  it('none is left in the client', () => {
    const files = sources(CLIENT);
    expect(files.length).toBeGreaterThan(50);
    const bare = files.flatMap((f) => bareTappables(path.relative(CLIENT, f), readFileSync(f, 'utf8')));
    expect(bare).toEqual([]);
  });
});
