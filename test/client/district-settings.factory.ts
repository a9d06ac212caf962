import { act, fireEvent } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import {
  DISTRICT_SETTING_KEYS,
  currentSettings,
  examplesToSet,
  moneyRefusal,
} from '@shared/rules/district-settings.rule';

/**
 * The one setup of the 辖区政策设定 page tests (district-settings-*.test.tsx): what the office sees in a
 * district with no saved values — Wuchang's examples, every refusal, 22 November 2026 — each setting decided
 * by `decidedBy`; and tapping and typing on the page as those tests do.
 */
export type Settings = ActionOutput<'account', 'districtSettings'>;

export function unsetSettings(decidedBy = '武昌区住房保障部门'): Settings {
  const { values, examples } = currentSettings(WUCHANG_PRESET);
  return {
    district: WUCHANG_PRESET.name,
    today: '2026-11-22',
    current: values as unknown as Record<string, unknown>,
    examples,
    toSet: examplesToSet(WUCHANG_PRESET),
    refusals: (['billing', 'rentQuote', 'subsidy'] as const).map((u) => moneyRefusal(WUCHANG_PRESET, u)!),
    decidedBy: Object.fromEntries(DISTRICT_SETTING_KEYS.map((k) => [k, decidedBy])),
    versions: [],
  };
}

export const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

export const type = (container: HTMLElement, id: string, value: string) =>
  fireEvent.change(container.querySelector(`#${id}`)!, { target: { value } });
