import { PRESETS, type PresetId } from '@shared/policy/presets/district.presets';
import type { PolicyPreset } from '@shared/policy/policy-preset';

/**
 * The district's policy: the preset named by ANJU_POLICY (default wuhan-wuchang). A district's own values
 * go into `shared/policy/presets/` as an override of its preset, reviewed like code.
 */
export function districtPolicy(env: NodeJS.ProcessEnv = process.env): PolicyPreset {
  const id = (env.ANJU_POLICY ?? 'wuhan-wuchang') as PresetId;
  const preset = PRESETS[id];
  if (!preset) throw new Error(`未知的政策预设：${id}（可选：${Object.keys(PRESETS).join('、')}）`);
  return preset;
}
