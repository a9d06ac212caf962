import { render, screen, waitFor } from '@testing-library/react';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { SETTING_FIELDS } from '@shared/policy/sources';
import {
  DISTRICT_SETTING_FIELDS,
  DISTRICT_SETTING_KEYS,
  currentSettings,
} from '@shared/rules/district-settings.rule';
import { OPERATOR_SETTING_KEYS } from '@shared/rules/operator-settings.rule';
import DistrictSettings from '../../client/pages/district-settings/index';
import { click, type, unsetSettings } from './district-settings.factory';
import { fakeBackend } from './fake-backend';
import { modals, resetTaro, toasts } from './mocks/taro';

const unset = () => unsetSettings('运营单位');

/** The operator settings (运营方设定) on 辖区政策设定: grouped, with units, checked per field, sent as typed. */
describe('district settings page: operator settings', () => {
  beforeEach(() => resetTaro());

  it('shows every operator setting in its group, marked 运营方设定, with its unit', async () => {
    fakeBackend().on('account', 'districtSettings', unset());
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    for (const heading of ['配租和选房', '续租', '报修', '巡查和关爱'])
      expect(screen.getByText(heading)).toBeTruthy();
    // Every matter no text decides (SETTING_FIELDS) and every operator constant group is marked, and only those.
    const marked = Array.from(container.querySelectorAll('[id^="operator-"]')).map((e) =>
      e.id.slice('operator-'.length),
    );
    const operatorPaths = [
      ...(Object.values(SETTING_FIELDS) as string[]),
      'operator.peopleLimits',
      'operator.patrolLimits',
      'operator.messageLimits',
      'operator.exitCasePeriods',
    ];
    expect(marked.sort()).toEqual(
      DISTRICT_SETTING_KEYS.filter((k) => operatorPaths.includes(DISTRICT_SETTING_FIELDS[k].path)).sort(),
    );
    expect(marked.length).toBe(Object.keys(SETTING_FIELDS).length + 4);
    for (const e of Array.from(container.querySelectorAll('[id^="operator-"]')))
      expect(e.textContent).toBe('运营方设定');
    for (const k of OPERATOR_SETTING_KEYS)
      expect(screen.getAllByText(DISTRICT_SETTING_FIELDS[k].label).length).toBe(1);
    expect((container.querySelector('#emergency-hours') as HTMLInputElement).value).toBe('24');
    expect((container.querySelector('#repair-days-water') as HTMLInputElement).value).toBe('2');
    expect((container.querySelector('#season-flood_season') as HTMLInputElement).value).toBe('5、6、7、8');
    expect(screen.getAllByText('小时').length).toBeGreaterThanOrEqual(2);
  });

  it('a bad operator value is marked on its field in Chinese and nothing is sent', async () => {
    const backend = fakeBackend().on('account', 'districtSettings', unset());
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    type(container, 'emergency-hours', '0');
    type(container, 'repair-days-gas', '');
    type(container, 'season-summer_heat', '7、13');
    type(container, 'window-minutes', '2');
    await click('save-settings');
    expect(container.querySelector('#emergency-hours-error')!.textContent).toContain('小时');
    expect(container.querySelector('#repairCategoryDays-error')!.textContent).toContain('燃气');
    expect(container.querySelector('#seasonalMonths-error')!.textContent).toContain('夏季用电专项巡查');
    expect(container.querySelector('#window-minutes-error')!.textContent).toContain('分钟');
    expect(container.querySelector('#settings-error')!.textContent).toContain('尚未保存');
    expect(modals).toEqual([]);
    expect(backend.inputsOf('account', 'saveDistrictSettings')).toEqual([]);
  });

  it('sends the operator values as typed: order, choices, hours, days and months', async () => {
    const backend = fakeBackend()
      .on('account', 'districtSettings', unset())
      .on('account', 'saveDistrictSettings', (input) => ({
        effectiveFrom: input.effectiveFrom,
        saved: true,
        changed: ['紧急报修处理时限'],
      }));
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    // 低保 stays first and 其他 last: they have no move buttons.
    expect(container.querySelector('#priority-0-up')).toBeNull();
    expect(container.querySelector('#priority-0-down')).toBeNull();
    expect(container.querySelector('#priority-6-up')).toBeNull();
    await click('priority-2-up');
    await click('objection-hold_round');
    await click('waiver-last');
    type(container, 'window-minutes', '45');
    type(container, 'renewal-opens', '3');
    type(container, 'emergency-hours', '4');
    type(container, 'repair-days-water', '1');
    type(container, 'reopen-days', '14');
    await click('care-disabled'); // off
    await click('care-age-solitary'); // on
    type(container, 'escalation-hours', '12');
    type(container, 'season-spring_festival', '1，2、 12');
    await click('save-settings');
    await waitFor(() => expect(toasts).toContain('已保存，1 项有变化'));
    const [sent] = backend.inputsOf('account', 'saveDistrictSettings') as {
      values: Record<string, unknown>;
    }[];
    const before = currentSettings(WUCHANG_PRESET).values;
    expect(sent!.values).toEqual({
      ...before,
      priorityOrder: [
        'dibao_tekun',
        'illness_disability',
        'solitary_elderly',
        'entitled',
        'local_priority',
        'low_income',
        'others',
      ],
      objectionEffect: 'hold_round',
      waiverLeavesRound: false,
      selectionWindowMinutes: 45,
      renewalOpensMonthsBefore: 3,
      repairEmergencyHours: 4,
      repairCategoryDays: { ...before.repairCategoryDays, water: 1 },
      repairReopenWithinDays: 14,
      careRegistry: {
        conditions: ['serious_illness', 'solitary'],
        ageAppliesTo: ['serious_illness', 'solitary'],
      },
      careEscalationHours: 12,
      seasonalMonths: { ...before.seasonalMonths, spring_festival: [1, 2, 12] },
    });
    expect(backend.unexpected).toEqual([]);
  });
});
