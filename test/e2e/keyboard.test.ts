import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { click, startWorld, type E2eWorld } from './browser';
import { nameOf, openPage, setMode, settle, type Mode, type PageSpec } from './pages';

jest.setTimeout(600_000);

const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');

/*
 * Keyboard access in the browser build (issue #19; WCAG 2.1 2.1.1 Keyboard and 2.4.7 Focus Visible,
 * https://www.w3.org/TR/WCAG21/#keyboard): on each persona's main pages, Tab reaches every visible control
 * (or something inside it, or around it: a field's native <input> inside NutUI's Input), the control Tab is on
 * shows a focus ring (an outline or a box shadow at least 2 px), and Enter or Space does what a tap does.
 */

const PERSONAS: { id: string; name: string; pages: PageSpec[] }[] = [
  {
    id: 'u-tenant-arrears',
    name: 'tenant',
    pages: ['index', 'bills', 'repairs', 'repair-new', 'rounds', 'inbox', 'mine'],
  },
  {
    id: 'u-applicant',
    name: 'applicant',
    pages: ['index', 'application', 'apply', 'rounds', 'round?id=round-demo-hexie'],
  },
  { id: 'u-reviewer-community', name: 'community reviewer', pages: ['index', 'review-queue'] },
  { id: 'u-tenant-exit', name: 'tenant with an exit case', pages: ['my-exit', 'lease-contract'] },
  {
    id: 'u-volunteer',
    name: 'volunteer',
    pages: [
      'index',
      'patrol-today',
      { name: 'patrol-route', start: 'patrol-today', taps: ['[id^="route-"]'] },
      'join',
    ],
  },
  { id: 'u-worker', name: 'worker', pages: ['repair-board', 'hazards', 'mine'] },
  {
    id: 'u-manager',
    name: 'manager',
    pages: ['index', 'arrears', 'patrol-admin', 'care-registry', 'repair-board'],
  },
  {
    id: 'u-admin',
    name: 'office',
    pages: ['admin', 'repair-stats', 'billing-admin', 'district-settings', 'people', 'mine'],
  },
];

/** What counts as a control: anything a person taps, types into or picks. */
const CONTROLS = [
  'button',
  'a[href]',
  'input:not([type=hidden])',
  'textarea',
  'select',
  '[role=button]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=switch]',
  '[role=tab]',
  '[role=link]',
  'taro-button-core',
  '.nut-button',
].join(', ');

interface Walk {
  controls: number;
  presses: number;
  /** Controls Tab never reached. */
  missed: string[];
  /** Controls whose focus showed no ring. */
  noRing: string[];
}

/** Runs in the page: numbers every visible, enabled control of the shown page (data-kb). */
function markControls(selector: string): number {
  const screen = Array.from(document.querySelectorAll('.anju-screen')).find(
    (s) => s.getClientRects().length > 0,
  );
  if (!screen) return 0;
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
  };
  const all = Array.from(screen.querySelectorAll<HTMLElement>(selector)).filter(
    (c) =>
      visible(c) &&
      !c.closest('[aria-hidden="true"]') &&
      !c.closest('[disabled]:not([disabled="false"])') &&
      c.getAttribute('aria-disabled') !== 'true',
  );
  // A control inside another counts once, as the outer one (a NutUI Button's parts, a chip's mark).
  const outer = all.filter((c) => !all.some((o) => o !== c && o.contains(c)));
  const w = window as unknown as { kb: { reached: Set<number>; ring: Map<number, boolean> } };
  w.kb = { reached: new Set(), ring: new Map() };
  document.querySelectorAll('[data-kb]').forEach((e) => e.removeAttribute('data-kb'));
  outer.forEach((c, i) => c.setAttribute('data-kb', String(i)));
  return outer.length;
}

/** Runs in the page after a Tab: notes which control has focus and whether it shows a ring. */
function noteFocus(): string {
  const a = document.activeElement as HTMLElement | null;
  if (!a || a === document.body) return 'body';
  const w = window as unknown as { kb: { reached: Set<number>; ring: Map<number, boolean> } };
  if (!a.dataset.kbSeen) a.dataset.kbSeen = String(Math.random());
  // The page's scroller (components/screen.tsx gives it a tabindex) holds everything: it reaches nothing.
  if (a.querySelector('.anju-screen')) return a.dataset.kbSeen;
  const marked = new Set<Element>();
  const around = a.closest('[data-kb]');
  if (around) marked.add(around);
  a.querySelectorAll('[data-kb]').forEach((e) => marked.add(e));
  const st = getComputedStyle(a);
  const ring =
    (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2) ||
    (st.boxShadow !== 'none' && st.boxShadow !== '');
  for (const m of marked) {
    const i = Number(m.getAttribute('data-kb'));
    w.kb.reached.add(i);
    w.kb.ring.set(i, (w.kb.ring.get(i) ?? false) || ring);
  }
  return a.dataset.kbSeen;
}

/** Runs in the page: the controls Tab missed, and those that showed no ring, each described. */
function results(): { missed: string[]; noRing: string[] } {
  const w = window as unknown as { kb: { reached: Set<number>; ring: Map<number, boolean> } };
  const describe = (e: Element) =>
    `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${
      e.getAttribute('role') ? `[role=${e.getAttribute('role')}]` : ''
    } "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 16)}"`;
  const out = { missed: [] as string[], noRing: [] as string[] };
  document.querySelectorAll('[data-kb]').forEach((e) => {
    const i = Number(e.getAttribute('data-kb'));
    if (!w.kb.reached.has(i)) out.missed.push(describe(e));
    else if (!w.kb.ring.get(i)) out.noRing.push(describe(e));
  });
  return out;
}

/** Presses Tab through the shown page from its top until focus comes round again. */
async function walk(page: Page): Promise<Walk> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const controls = await page.evaluate(markControls, CONTROLS);
  const seen = new Set<string>();
  let presses = 0;
  // Every control once, plus the page's scroller, fields' own parts and the browser's own stops.
  for (const limit = controls * 3 + 20; presses < limit;) {
    await page.keyboard.press('Tab');
    presses++;
    const at = await page.evaluate(noteFocus);
    if (at !== 'body' && seen.has(at)) break;
    seen.add(at);
  }
  return { controls, presses, ...(await page.evaluate(results)) };
}

describe('browser: every control is reached with Tab, shows a focus ring, and works with Enter or Space', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    const at = new Date('2026-11-22T10:00:00Z').getTime();
    world = await startWorld(() => new Date(at));
  });
  afterAll(async () => world?.close());

  for (const persona of PERSONAS)
    it(`${persona.name}: ${persona.pages.map(nameOf).join(', ')}`, async () => {
      const { page } = await world.signIn(persona.id);
      const problems: string[] = [];
      const counts = { controls: 0, missed: 0, noRing: 0 };
      // Every page in the standard mode; the first one in 关怀模式 too (the ring is the same rule there).
      const visits: [PageSpec, Mode][] = persona.pages.map((p) => [p, 'standard']);
      visits.push([persona.pages[0]!, 'care']);
      for (const [spec, mode] of visits) {
        await setMode(page, mode);
        await openPage(page, world, spec);
        const w = await walk(page);
        const where = `${persona.name} ${nameOf(spec)} (${mode})`;
        counts.controls += w.controls;
        counts.missed += w.missed.length;
        counts.noRing += w.noRing.length;
        for (const m of w.missed) problems.push(`${where}: Tab never reaches ${m}`);
        for (const m of w.noRing) problems.push(`${where}: no focus ring on ${m}`);
      }
      // The figures the README's keyboard paragraph reports (controls, missed, no ring).
      console.log(`keyboard ${persona.name}: ${JSON.stringify(counts)}`);
      expect(counts.controls).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });

  /** Focuses the control and presses the key on it, as a keyboard user does after tabbing to it. */
  async function press(page: Page, selector: string, key: 'Enter' | ' '): Promise<void> {
    const el = page.locator(`${selector} >> visible=true`).first();
    await el.scrollIntoViewIfNeeded();
    await el.focus();
    expect(await el.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press(key);
    await page.waitForTimeout(300);
  }

  it('Enter and Space do what a tap does: a chip, a check box, the back button, NutUI Buttons, a list row, a date field', async () => {
    const tenant = (await world.signIn('u-tenant-arrears')).page;
    await openPage(tenant, world, 'repair-new');
    // One choice (aria-pressed) with Enter; the category chips are a ChoiceChips.
    const chip = '[id^="category-"]:not([aria-pressed="true"])';
    const id = await tenant.locator(`${chip} >> visible=true`).first().getAttribute('id');
    await press(tenant, `#${id}`, 'Enter');
    expect(await tenant.locator(`#${id} >> visible=true`).getAttribute('aria-pressed')).toBe('true');
    // A check box (aria-checked) with Space: a bill chosen for paying.
    await openPage(tenant, world, 'bills');
    const box = tenant.locator('[id^="select-"][role=checkbox] >> visible=true').first();
    const before = await box.getAttribute('aria-checked');
    const boxId = await box.getAttribute('id');
    await press(tenant, `#${boxId}`, ' ');
    expect(await tenant.locator(`#${boxId} >> visible=true`).getAttribute('aria-checked')).toBe(
      before === 'true' ? 'false' : 'true',
    );
    // The back button: a round opened from the list, Enter on 返回 brings the list back.
    await openPage(tenant, world, 'rounds');
    await click(tenant, tenant.locator('[id^="round-"][role=link] >> visible=true').first());
    await tenant.waitForSelector('#round-detail >> visible=true');
    await press(tenant, '#title-back', 'Enter');
    await tenant.waitForSelector('#rounds >> visible=true');
    await settle(tenant, 'rounds');

    // A NutUI Button (the month stepper's ‹ 上个月) with Enter: the month goes back one.
    const manager = (await world.signIn('u-manager')).page;
    await openPage(manager, world, 'arrears');
    const month = () => manager.locator('#export-period-value >> visible=true').textContent();
    const shown = await month();
    await press(manager, '#export-period-prev', 'Enter');
    expect(await month()).not.toBe(shown);
    // What the ring looks like, for a person to check (screenshots/, gitignored, as accessibility.test.ts's).
    mkdirSync(SCREENSHOTS, { recursive: true });
    await manager.screenshot({ path: path.join(SCREENSHOTS, 'keyboard-focus-ring.png') });
    // A NutUI Button (查找住户) and a candidate row with Enter: the row is picked (its name field opens).
    await openPage(manager, world, 'care-registry');
    await press(manager, '#care-search-go', 'Enter');
    await manager.waitForSelector('[id^="candidate-"] >> visible=true');
    expect(await manager.locator('#care-person >> visible=true').count()).toBe(0);
    await press(manager, '[id^="candidate-"]', 'Enter');
    await manager.waitForSelector('#care-person >> visible=true');

    // A date field with the keyboard (components/picker-keys.ts): Enter opens the picker with focus on its
    // first wheel, 确定 with Enter takes the month shown; again, Tab to the month wheel, ↑ turns it back one,
    // and 确定 takes the month before. Focus goes back to the field.
    const office = (await world.signIn('u-admin')).page;
    await openPage(office, world, 'repair-stats');
    const sheet = '.date-field-picker .nut-picker >> visible=true';
    const monthShown = async () => {
      const text = (await office.locator('#from-month-value >> visible=true').textContent()) ?? '';
      const m = /(\d{4})年(\d{1,2})月/.exec(text);
      return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : NaN;
    };
    expect(await office.locator(sheet).count()).toBe(0);
    await press(office, '#from-month', 'Enter');
    await office.waitForSelector(sheet);
    await office.waitForFunction(() => document.activeElement?.getAttribute('role') === 'spinbutton');
    await press(office, '.date-field-picker .nut-picker-confirm-btn', 'Enter');
    await office.waitForSelector(sheet, { state: 'hidden' });
    const first = await monthShown();
    expect(first).not.toBeNaN();
    expect(await office.evaluate(() => document.activeElement?.id)).toBe('from-month');
    await office.keyboard.press('Enter');
    await office.waitForSelector(sheet);
    await office.waitForFunction(() => document.activeElement?.getAttribute('role') === 'spinbutton');
    await office.keyboard.press('Tab');
    expect(await office.evaluate(() => document.activeElement?.getAttribute('data-wheel'))).toBe('1');
    await office.keyboard.press('ArrowUp');
    await office.waitForTimeout(300);
    await press(office, '.date-field-picker .nut-picker-confirm-btn', 'Enter');
    await office.waitForSelector(sheet, { state: 'hidden' });
    expect(await monthShown()).toBe(first - 1);
  });
});
