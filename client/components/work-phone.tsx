import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../services/call';
import { errorText, toast } from '../utils/ui';
import { WechatPhoneButton } from './wechat-phone-button';

/**
 * Staff confirm their work phone (issue #17) the way tenants confirm theirs at binding: WeChat's
 * getPhoneNumber button (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html), whose code the function turns into the number; in the local browser demo a sandbox
 * plays WeChat's answer. Tenants reach a worker on this number from their repair, and urgent SMS go to it.
 */
export function WorkPhoneCard({ phoneMasked, onSaved }: { phoneMasked: string | null; onSaved: () => void }) {
  const [busy, setBusy] = useState(false);
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
      <WechatPhoneButton
        ids={{
          button: 'work-phone-confirm',
          sandboxInput: 'work-phone-sandbox',
          sandboxButton: 'work-phone-confirm',
        }}
        fill="outline"
        label={phoneMasked ? '更换为微信手机号' : '微信手机号验证'}
        sandboxLabel="验证并确认"
        deniedMessage="需要验证微信绑定的手机号才能确认工作电话"
        busy={busy}
        onCode={(code) => void submit(code)}
        onDenied={setMessage}
      />
      {message ? (
        <Text className="notice-warn" id="work-phone-message">
          {message}
        </Text>
      ) : null}
    </View>
  );
}
