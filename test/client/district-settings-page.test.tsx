import { render, screen, waitFor } from '@testing-library/react';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { DISTRICT_SETTING_KEYS, currentSettings } from '@shared/rules/district-settings.rule';
import DistrictSettings from '../../client/pages/district-settings/index';
import { click, type, unsetSettings } from './district-settings.factory';
import { fakeBackend } from './fake-backend';
import { pickDate } from './pick-date';
import { modals, resetTaro, toasts } from './mocks/taro';

const unset = () => unsetSettings();

describe('district settings page (辖区政策设定)', () => {
  beforeEach(() => resetTaro());

  it('shows what waits for the values; a bad figure is marked on its field and nothing is sent', async () => {
    const backend = fakeBackend().on('account', 'districtSettings', unset());
    const { container } = render(<DistrictSettings />);
    expect(await screen.findByText(/月度账单所依据的以下数值仍是示例值/)).toBeTruthy();
    expect(container.querySelectorAll('.tag-warn').length).toBe(DISTRICT_SETTING_KEYS.length);
    type(container, 'due-day', '31');
    type(container, 'tier-0-percent', '120');
    await click('save-settings');
    expect(container.querySelector('#due-day-error')!.textContent).toContain('28');
    expect(container.querySelector('#rentTiers-error')!.textContent).toContain('第 1 档');
    expect(container.querySelector('#settings-error')!.textContent).toContain('尚未保存');
    expect(modals).toEqual([]);
    expect(backend.inputsOf('account', 'saveDistrictSettings')).toEqual([]);
    expect(backend.unexpected).toEqual([]);
  });

  it('saves the figures typed, in fen and ratios, from the month chosen', async () => {
    let saved = false;
    const backend = fakeBackend()
      .on('account', 'districtSettings', () => (saved ? { ...unset(), refusals: [], examples: [] } : unset()))
      .on('account', 'saveDistrictSettings', (input) => {
        saved = true;
        return { effectiveFrom: input.effectiveFrom, saved: true, changed: ['每月缴租日', '租金分档'] };
      });
    const { container } = render(<DistrictSettings />);
    await screen.findByText(/月度账单所依据的以下数值仍是示例值/);
    expect(container.querySelector('#effective-month-value')?.textContent).toContain('2026年12月');
    // The month is picked, not typed (issue #19).
    await pickDate('effective-month', '2027-02');
    expect(container.querySelector('#effective-month-value')?.textContent).toContain('2027年2月');
    type(container, 'due-day', '10');
    type(container, 'tier-1-max', '1600');
    type(container, 'tier-1-percent', '45');
    type(container, 'subsidy-standard', '16.5');
    type(container, 'settings-note', '武昌区住房保障部门通知');
    await click('save-settings');
    await waitFor(() => expect(toasts).toContain('已保存，2 项有变化'));
    expect(modals).toEqual([
      { title: '保存辖区政策设定', content: '自 2027年2月1日 起生效。此前的月份仍按原设定计费。' },
    ]);
    const [sent] = backend.inputsOf('account', 'saveDistrictSettings');
    const before = currentSettings(WUCHANG_PRESET).values;
    expect(sent).toMatchObject({
      effectiveFrom: '2027-02-01',
      note: '武昌区住房保障部门通知',
      values: {
        ...before,
        dueDay: 10,
        subsidyStandardPerM2Fen: 16_50,
        rentTiers: [
          before.rentTiers[0],
          { ...before.rentTiers[1], maxMonthlyIncomePerPersonFen: 1_600_00, shareOfMarket: 0.45 },
          before.rentTiers[2],
        ],
      },
    });
    expect((sent as { requestKey: string }).requestKey.length).toBeGreaterThanOrEqual(8);
    expect(await screen.findByText('收费和补贴所依据的数值均已设定。')).toBeTruthy();
    expect(backend.unexpected).toEqual([]);
  });
});
