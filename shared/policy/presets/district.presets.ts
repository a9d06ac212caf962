import { resolvePolicy, type PolicyPreset } from '../policy-preset';
import { HUIZHOU_PRESET_INPUT } from './huizhou.preset';
import { ULANQAB_PRESET_INPUT } from './ulanqab.preset';
import { WUCHANG_PRESET_INPUT } from './wuchang.preset';

/** 乌兰察布: the merged public-rental measures decide most rental rules. */
export const ULANQAB_PRESET: PolicyPreset = resolvePolicy(ULANQAB_PRESET_INPUT);

/** 惠州: the rental subsidy measures (2022); the rest is the housing office's settings. */
export const HUIZHOU_PRESET: PolicyPreset = resolvePolicy(HUIZHOU_PRESET_INPUT);

/** 武汉市武昌区: operations (lottery, dynamic allocation, patrols, special care) from the 2023 report. */
export const WUCHANG_PRESET: PolicyPreset = resolvePolicy(WUCHANG_PRESET_INPUT);

export const PRESETS = {
  ulanqab: ULANQAB_PRESET,
  huizhou: HUIZHOU_PRESET,
  'wuhan-wuchang': WUCHANG_PRESET,
} as const;
export type PresetId = keyof typeof PRESETS;
