import { Text, View } from '@tarojs/components';
import { CheckChecked, CheckNormal } from '@nutui/icons-react-taro';
import { pressable } from './keyboard';

/**
 * A checkbox a finger can hit (≥ 44 / 60 px, the NutUI check icons drawn large) that screen readers read
 * as one: role checkbox with its state and name. NutUI's own Checkbox writes an invalid `aria-role`
 * attribute (axe aria-valid-attr), so the list pages use this one. In the browser it is reached with Tab and
 * ticked with Space or Enter (components/keyboard.ts).
 */
export function CheckBox({
  id,
  checked,
  label,
  onChange,
}: {
  id?: string;
  checked: boolean;
  label: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <View
      id={id}
      className={checked ? 'check-box check-box-on' : 'check-box'}
      role="checkbox"
      aria-checked={checked}
      aria-label={label}
      {...pressable()}
      onClick={() => onChange(!checked)}
    >
      <View className="check-box-icon" aria-hidden>
        {checked ? <CheckChecked /> : <CheckNormal />}
      </View>
      <Text className="check-box-text">{checked ? '已选' : '未选'}</Text>
    </View>
  );
}
