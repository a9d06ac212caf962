import { Text, View } from '@tarojs/components';
import { CheckChecked, CheckNormal } from '@nutui/icons-react-taro';
import { pressable } from './keyboard';

type Options<T> = readonly (readonly [T, string])[];

type Common<T> = {
  /** What is being chosen, read out to a screen reader. */
  label: string;
  options: Options<T>;
  idOf?: (v: T) => string | undefined;
  id?: string;
  /** The id of the error under the chips (FieldError), while it shows; the group is marked invalid then. */
  errorId?: string;
};

/** A group tied to the error shown under it (its id), marked invalid while it shows. */
const groupError = (errorId?: string) =>
  errorId ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};

/** One choice: each chip a button that says whether it is chosen (aria-pressed). */
type Single<T> = Common<T> & {
  multiple?: false;
  value: T;
  onChange: (v: T) => void;
  /** An extra class for the chosen chip (chip-danger for an emergency). */
  toneOf?: (v: T) => string | undefined;
};

/**
 * Several choices: each chip a checkbox (role checkbox, aria-checked) with NutUI's check mark, and a line of
 * words under the chips saying what is chosen (已选：…), so the state is never told by colour alone.
 */
type Multiple<T> = Common<T> & {
  multiple: true;
  value: readonly T[];
  onChange: (v: T[]) => void;
};

/**
 * A few choices as big tappable chips (issue #19; ≥ 44 px, 60 px in 关怀模式): one of them, or with
 * `multiple` several. Each chip shows a mark besides the colour. `idOf` names each chip for the tests, as
 * the pages did before (`category-low_income`, `severity-serious`, `invite-project-p1`, …). In the browser
 * each chip is reached with Tab and chosen with Enter or Space (components/keyboard.ts).
 */
export function ChoiceChips<T>(props: Single<T> | Multiple<T>) {
  if (props.multiple) return <MultipleChips {...props} />;
  const { label, options, value, onChange, idOf, toneOf, id, errorId } = props;
  return (
    <View className="chips" role="group" aria-label={label} id={id} {...groupError(errorId)}>
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
            {...pressable()}
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

function MultipleChips<T>({ label, options, value, onChange, idOf, id, errorId }: Multiple<T>) {
  const chosen = options.filter(([v]) => value.includes(v)).map(([, text]) => text);
  const toggle = (v: T) =>
    // Kept in the options' order, whatever order they were tapped in.
    onChange(options.map(([o]) => o).filter((o) => (o === v ? !value.includes(v) : value.includes(o))));
  return (
    <View className="chips-multiple">
      <View className="chips" role="group" aria-label={`${label}（可多选）`} id={id} {...groupError(errorId)}>
        {options.map(([v, text]) => {
          const on = value.includes(v);
          return (
            <View
              key={String(v)}
              id={idOf?.(v)}
              role="checkbox"
              aria-checked={on}
              aria-label={text}
              className={on ? 'chip chip-check chip-on' : 'chip chip-check'}
              {...pressable()}
              onClick={() => toggle(v)}
            >
              <View className="chip-mark" aria-hidden>
                {on ? <CheckChecked /> : <CheckNormal />}
              </View>
              <Text>{text}</Text>
            </View>
          );
        })}
      </View>
      <Text className="muted chips-chosen" aria-hidden>
        {chosen.length ? `已选 ${chosen.length} 项：${chosen.join('、')}` : '还没有选择'}
      </Text>
    </View>
  );
}
