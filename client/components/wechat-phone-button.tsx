import { Button, Input, Text } from '@tarojs/components';
import { useState } from 'react';

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
  className,
  label,
  sandboxLabel,
  deniedMessage,
  busy,
  onCode,
  onDenied,
}: {
  ids: { button: string; sandboxInput: string; sandboxButton: string };
  className: string;
  label: string;
  sandboxLabel: string;
  /** Said when the person declines WeChat's phone prompt. */
  deniedMessage: string;
  busy: boolean;
  onCode: (phoneCode: string) => void;
  onDenied: (message: string) => void;
}) {
  const [sandboxPhone, setSandboxPhone] = useState('');
  if (process.env.TARO_ENV === 'weapp')
    return (
      <Button
        className={className}
        id={ids.button}
        openType="getPhoneNumber"
        disabled={busy}
        onGetPhoneNumber={(e) => {
          const code = (e.detail as { code?: string }).code;
          if (code) onCode(code);
          else onDenied(deniedMessage);
        }}
      >
        {label}
      </Button>
    );
  if (!ANJU_LOCAL) return <Text className="muted">请在微信小程序中完成手机号验证。</Text>;
  return (
    <>
      <Input
        id={ids.sandboxInput}
        className="field"
        value={sandboxPhone}
        maxlength={11}
        type="number"
        placeholder="微信手机号（本地演示：模拟微信确认的号码）"
        onInput={(e) => setSandboxPhone(e.detail.value)}
      />
      <Button
        className={className}
        id={ids.sandboxButton}
        disabled={busy}
        onClick={() => onCode(`${SANDBOX_PREFIX}${sandboxPhone.trim()}`)}
      >
        {sandboxLabel}
      </Button>
    </>
  );
}
