import { render, screen, waitFor } from '@testing-library/react';
import {
  OPERATOR_CONSTANT_DEFAULTS,
  OPERATOR_CONSTANT_FIELDS,
  OPERATOR_CONSTANT_KEYS,
} from '@shared/rules/operator-constants.rule';
import { SETTING_GROUPS } from '@shared/rules/operator-settings.rule';
import DistrictSettings from '../../client/pages/district-settings/index';
import { click, type, unsetSettings } from './district-settings.factory';
import { fakeBackend } from './fake-backend';
import { modals, resetTaro, toasts } from './mocks/taro';

const unset = () => unsetSettings('区住房保障部门（运营方）');

/** The operator constants (运营方设定) on 辖区政策设定: a group each, with units, checked, sent as typed. */
describe('district settings page: operator constants', () => {
  beforeEach(() => resetTaro());

  it('shows a group for each, marked 运营方设定, every figure with its Chinese name, unit and value', async () => {
    fakeBackend().on('account', 'districtSettings', unset());
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    for (const heading of [
      SETTING_GROUPS.peopleOps,
      SETTING_GROUPS.patrolOps,
      SETTING_GROUPS.messageOps,
      SETTING_GROUPS.exitOps,
    ])
      expect(screen.getByText(heading)).toBeTruthy();
    for (const key of OPERATOR_CONSTANT_KEYS) {
      const group = container.querySelector(`#group-${key}`)!;
      expect(group.querySelector(`#operator-${key}`)!.textContent).toBe('运营方设定');
      for (const [name, f] of Object.entries(
        OPERATOR_CONSTANT_FIELDS[key].figures as Record<string, { label: string; unit: string }>,
      )) {
        expect(group.textContent).toContain(f.label);
        expect(group.textContent).toContain(f.unit);
        const input = group.querySelector(`#const-${key}-${name}`) as HTMLInputElement;
        expect(input.value).toBe(
          String((OPERATOR_CONSTANT_DEFAULTS[key] as unknown as Record<string, number>)[name]),
        );
      }
      // No ids or English shown.
      expect(group.textContent).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('a bad figure is marked on its group in Chinese and nothing is sent', async () => {
    const backend = fakeBackend().on('account', 'districtSettings', unset());
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    type(container, 'const-peopleLimits-invitationCodeAttemptsPerDay', '0');
    type(container, 'const-exitCasePeriods-respondDays', '');
    await click('save-settings');
    expect(container.querySelector('#peopleLimits-error')!.textContent).toContain('邀请码');
    expect(container.querySelector('#exitCasePeriods-error')!.textContent).toContain('陈述申辩');
    expect(modals).toEqual([]);
    expect(backend.inputsOf('account', 'saveDistrictSettings')).toEqual([]);
  });

  it('sends the figures as typed, as numbers', async () => {
    const backend = fakeBackend()
      .on('account', 'districtSettings', unset())
      .on('account', 'saveDistrictSettings', (input) => ({
        effectiveFrom: input.effectiveFrom,
        saved: true,
        changed: ['退出程序的默认期限'],
      }));
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    type(container, 'const-exitCasePeriods-respondDays', '20');
    type(container, 'const-messageLimits-maxAttempts', '6');
    await click('save-settings');
    await waitFor(() => expect(toasts).toContain('已保存，1 项有变化'));
    const [sent] = backend.inputsOf('account', 'saveDistrictSettings') as {
      values: Record<string, unknown>;
    }[];
    expect(sent!.values.exitCasePeriods).toEqual({
      ...OPERATOR_CONSTANT_DEFAULTS.exitCasePeriods,
      respondDays: 20,
    });
    expect(sent!.values.messageLimits).toEqual({
      ...OPERATOR_CONSTANT_DEFAULTS.messageLimits,
      maxAttempts: 6,
    });
    expect(sent!.values.peopleLimits).toEqual(OPERATOR_CONSTANT_DEFAULTS.peopleLimits);
  });
});
