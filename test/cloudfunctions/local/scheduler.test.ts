import { cronerPattern, startScheduler, timerTriggers } from '../../../cloudfunctions/_local/scheduler';
import type { FUNCTIONS } from '../../../cloudfunctions/registry';
import { createLocalHost } from '../../../cloudfunctions/_local/local-host';

/** The local host's own scheduler runs the timer triggers cloudbaserc.json declares, in China time. */
describe('the local scheduler', () => {
  it('every trigger cloudbaserc.json declares has a job in its function', async () => {
    const declared = timerTriggers()
      .map((t) => `${t.fn}/${t.name}`)
      .sort();
    const host = await createLocalHost({ dataFile: ':memory:', seed: false });
    const unknown: string[] = [];
    for (const key of declared) {
      const [fn, name] = key.split('/') as [keyof typeof FUNCTIONS, string];
      const res = await host.trigger(fn, name);
      if (!res.ok && res.error.code === 'UNKNOWN_ACTION') unknown.push(key);
    }
    host.close();
    expect(unknown).toEqual([]);
    expect(declared).toEqual(
      expect.arrayContaining([
        'billing/monthly-bills',
        'patrol/quarterly-plan',
        'account/daily-deadline-recount',
      ]),
    );
  });

  it.each([
    ['0 0 2 1 * * *', '0 0 2 1 * *'],
    ['0 */10 * * * * *', '0 */10 * * * *'],
  ])('reads CloudBase cron %s as %s', (config, pattern) => expect(cronerPattern(config)).toBe(pattern));

  it.each([['0 0 2 1 * *'], ['0 0 2 1 * * 2027']])('refuses %s', (config) =>
    expect(() => cronerPattern(config)).toThrow(),
  );

  it('schedules in China time and fires through the host’s trigger', async () => {
    const fired: string[] = [];
    const scheduler = startScheduler(
      {
        trigger: async (fn, name) => {
          fired.push(`${fn}/${name}`);
          return { ok: true, data: null };
        },
      },
      { triggers: [{ fn: 'billing', name: 'every-second', config: '* * * * * * *' }], log: () => {} },
    );
    const monthly = startScheduler(
      { trigger: async () => ({ ok: true, data: null }) },
      { triggers: [{ fn: 'billing', name: 'monthly-bills', config: '0 0 2 1 * * *' }], log: () => {} },
    );
    const at = monthly.next()[0]!.at!;
    // 02:00 on the 1st in Beijing is 18:00 UTC the day before.
    expect(at.getUTCHours()).toBe(18);
    expect(new Date(at.getTime() + 8 * 3_600_000).getUTCDate()).toBe(1);
    monthly.stop();
    await new Promise((r) => setTimeout(r, 2_200));
    scheduler.stop();
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(fired[0]).toBe('billing/every-second');
  });
});
