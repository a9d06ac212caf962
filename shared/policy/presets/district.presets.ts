import { resolvePolicy, type PolicyPreset } from '../policy-preset';
import { BASE_POLICY } from './base.preset';

/** 乌兰察布: the merged public-rental measures are the source of most rental rules. */
export const ULANQAB_PRESET: PolicyPreset = resolvePolicy(BASE_POLICY, {
  id: 'ulanqab',
  name: '内蒙古乌兰察布市',
});

/** 惠州: rental subsidy measures (2022); rental rules follow the base where Huizhou's report is silent. */
export const HUIZHOU_PRESET: PolicyPreset = resolvePolicy(BASE_POLICY, {
  id: 'huizhou',
  name: '广东省惠州市',
});

/** 武汉市武昌区: operations (lottery, dynamic allocation, patrols, special care) from the 2023 report. */
export const WUCHANG_PRESET: PolicyPreset = resolvePolicy(BASE_POLICY, {
  id: 'wuhan-wuchang',
  name: '湖北省武汉市武昌区',
  rent: {
    marketRentPerM2Fen: {
      value: 30_00,
      example: true,
      decidedBy: '武汉市住房保障部门会同物价部门测算公布（示例值）',
    },
  },
});

export const PRESETS = {
  ulanqab: ULANQAB_PRESET,
  huizhou: HUIZHOU_PRESET,
  'wuhan-wuchang': WUCHANG_PRESET,
} as const;
export type PresetId = keyof typeof PRESETS;
