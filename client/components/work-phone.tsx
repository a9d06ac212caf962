import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../services/call';
import { errorText, toast } from '../utils/ui';

/** The local phone sandbox's code (cloudfunctions/_local/local-people.adapter.ts). */
const SANDBOX_PREFIX = 'sandbox:';

/**
 * Staff confirm their work phone (issue #17) the way tenants confirm theirs at binding: WeChat's
 * getPhoneNumber button (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html), whose code the function turns into the number; in the local browser demo a sandbox
 * plays WeChat's answer. Tenants reach a worker on this number from their repair, and urgent SMS go to it.
 */
export function WorkPhoneCard({ phoneMasked, onSaved }: { phoneMasked: string | null; onSaved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [sandboxPhone, setSandboxPhone] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (phoneCode: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await callFunction('account', 'confirmWorkPhone', { phoneCode });
      toast('工作电话已确认', 'success');
      onSaved();
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="work-phone">
      <Text className="card-title">工作电话</Text>
      <Text className="muted" style={{ display: 'block' }}>
        {phoneMasked
          ? `已确认：${phoneMasked}。租户在报修处理中可拨打此号码联系您，紧急通知也发送到此号码。`
          : '尚未确认工作电话。确认后，租户在报修处理中可拨打联系您，紧急通知也会发送到此号码。'}
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button
          className="btn-plain"
          id="work-phone-confirm"
          openType="getPhoneNumber"
          disabled={busy}
          onGetPhoneNumber={(e) => {
            const code = (e.detail as { code?: string }).code;
            if (code) void submit(code);
            else setMessage('需要验证微信绑定的手机号才能确认工作电话');
          }}
        >
          {phoneMasked ? '更换为微信手机号' : '微信手机号验证'}
        </Button>
      ) : !ANJU_LOCAL ? (
        <Text className="muted">请在微信小程序中完成手机号验证。</Text>
      ) : (
        <>
          <Input
            id="work-phone-sandbox"
            className="field"
            value={sandboxPhone}
            maxlength={11}
            type="number"
            placeholder="微信手机号（本地演示：模拟微信确认的号码）"
            onInput={(e) => setSandboxPhone(e.detail.value)}
          />
          <Button
            className="btn-plain"
            id="work-phone-confirm"
            disabled={busy}
            onClick={() => void submit(`${SANDBOX_PREFIX}${sandboxPhone.trim()}`)}
          >
            验证并确认
          </Button>
        </>
      )}
      {message ? (
        <Text className="notice-warn" id="work-phone-message">
          {message}
        </Text>
      ) : null}
    </View>
  );
}
