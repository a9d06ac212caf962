import { View } from '@tarojs/components';

/**
 * One choice out of a few, as big tappable chips (issue #19): each is a button that says whether it is
 * chosen (aria-pressed) and shows a ✓ besides the colour. `ids` names each chip for the tests, as the pages
 * did before (`category-low_income`, `severity-serious`, …).
 */
export function ChoiceChips<T>({
  label,
  options,
  value,
  onChange,
  idOf,
  toneOf,
  id,
}: {
  /** What is being chosen, read out to a screen reader. */
  label: string;
  options: readonly (readonly [T, string])[];
  value: T;
  onChange: (v: T) => void;
  idOf?: (v: T) => string | undefined;
  /** An extra class for the chosen chip (chip-danger for an emergency). */
  toneOf?: (v: T) => string | undefined;
  id?: string;
}) {
  return (
    <View className="chips" role="group" aria-label={label} id={id}>
      {options.map(([v, text]) => {
        const on = v === value;
        const tone = on ? toneOf?.(v) : undefined;
        return (
          <View
            key={String(v)}
            id={idOf?.(v)}
            role="button"
            aria-pressed={on}
            className={on ? `chip chip-on${tone ? ` ${tone}` : ''}` : 'chip'}
            onClick={() => onChange(v)}
          >
            {on ? '✓ ' : ''}
            {text}
          </View>
        );
      })}
    </View>
  );
}
