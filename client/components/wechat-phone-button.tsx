import { Text } from '@tarojs/components';
import { useState } from 'react';
import { Button as NutButton } from './nut';
import { TextField } from './text-field';

/** The local phone sandbox's code (cloudfunctions/_local/local-people.adapter.ts). */
const SANDBOX_PREFIX = 'sandbox:';

/**
 * The one way a page asks for the phone number WeChat confirms: in the mini-program, WeChat's
 * getPhoneNumber button (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html),
 * whose code the function turns into the number; in the local browser demo, a field whose number the
 * sandbox plays back as WeChat's answer; in any other browser build, a note that it needs the mini-program.
 * Used by binding a household and by staff confirming their work phone.
 */
export function WechatPhoneButton({
  ids,
  fill,
  label,
  sandboxLabel,
  deniedMessage,
  busy,
  onCode,
  onDenied,
  sandboxPhone,
}: {
  ids: { button: string; sandboxInput: string; sandboxButton: string };
  /** `solid`: the page's main action (a filled button); `outline`: a secondary one inside a card. */
  fill: 'solid' | 'outline';
  label: string;
  sandboxLabel: string;
  /** Said when the person declines WeChat's phone prompt. */
  deniedMessage: string;
  busy: boolean;
  onCode: (phoneCode: string) => void;
  onDenied: (message: string) => void;
  /**
   * The number typed in a `SandboxPhoneField` the page shows elsewhere (the bind page keeps the field in its
   * form and this button in the fixed bottom bar). Without it, the local demo's field comes with the button.
   */
  sandboxPhone?: string;
}) {
  const [ownPhone, setOwnPhone] = useState('');
  const split = sandboxPhone !== undefined;
  const phone = split ? sandboxPhone : ownPhone;
  // NutUI's Button hands openType and its event to Taro's Button underneath (the getPhoneNumber prompt).
  const look = {
    type: 'primary',
    fill,
    className: 'action-button',
    block: true,
  } as const;
  if (process.env.TARO_ENV === 'weapp')
    return (
      <NutButton
        {...look}
        id={ids.button}
        openType="getPhoneNumber"
        disabled={busy}
        onGetPhoneNumber={(e: { detail: unknown }) => {
          const code = (e.detail as { code?: string }).code;
          if (code) onCode(code);
          else onDenied(deniedMessage);
        }}
      >
        {label}
      </NutButton>
    );
  if (!ANJU_LOCAL) return <Text className="muted">请在微信小程序中完成手机号验证。</Text>;
  const button = (
    <NutButton
      {...look}
      id={ids.sandboxButton}
      disabled={busy}
      loading={busy}
      onClick={() => onCode(`${SANDBOX_PREFIX}${phone.trim()}`)}
    >
      {sandboxLabel}
    </NutButton>
  );
  if (split) return button;
  return (
    <>
      <SandboxPhoneField id={ids.sandboxInput} value={ownPhone} onChange={setOwnPhone} />
      {button}
    </>
  );
}

/** True where the page asks for the phone through the local demo's field (the local browser build). */
export const hasSandboxPhoneField = () => process.env.TARO_ENV !== 'weapp' && ANJU_LOCAL;

/**
 * The local browser demo's phone field, for a page that shows it apart from its `WechatPhoneButton`
 * (pass the same number to the button's `sandboxPhone`). Nothing in the mini-program or another browser build.
 */
export function SandboxPhoneField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (phone: string) => void;
}) {
  if (!hasSandboxPhoneField()) return null;
  return (
    <TextField
      id={id}
      label="微信手机号（本地演示）"
      hint="本地演示中，这里填写的号码当作微信确认的手机号。"
      type="number"
      value={value}
      maxLength={11}
      placeholder="11 位手机号"
      onChange={onChange}
    />
  );
}
