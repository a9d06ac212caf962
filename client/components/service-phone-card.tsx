import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { normalizeServicePhone, SERVICE_PHONE_MESSAGE } from '@shared/rules/contact-phone.rule';
import { callFunction } from '../services/call';
import { errorText, toast } from '../utils/ui';
import { Button as NutButton } from './nut';
import { TextField } from './text-field';

/**
 * The housing office sets a project's 服务电话 (issue #17): a mobile number or a landline with its area code,
 * checked on the phone with the same rule the function applies. Tenants dial it from their bills page.
 */
export function ServicePhoneCard({
  projectId,
  projectName,
  current,
  onSaved,
}: {
  projectId: string;
  projectName: string;
  current: string;
  onSaved: () => void;
}) {
  const [typed, setTyped] = useState(current);
  const [message, setMessage] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const value = typed.trim();
    if (value && !normalizeServicePhone(value)) return setPhoneError(SERVICE_PHONE_MESSAGE);
    setPhoneError(null);
    setMessage(null);
    setBusy(true);
    try {
      const res = await callFunction('allocation', 'setServicePhone', { projectId, servicePhone: value });
      setTyped(res.servicePhone);
      toast(res.servicePhone ? '服务电话已保存' : '服务电话已清除', 'success');
      onSaved();
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="service-phone">
      <Text className="card-title">服务电话（{projectName}）</Text>
      <Text className="muted" style={{ display: 'block' }}>
        租户在“我的账单”页可一键拨打。填写手机号或带区号的固定电话；留空保存即清除。
      </Text>
      <TextField
        id="service-phone-input"
        label="服务电话"
        hideLabel
        value={typed}
        maxLength={24}
        placeholder="例如 027-88886666"
        error={phoneError}
        onChange={(text) => {
          setTyped(text);
          setPhoneError(null);
        }}
      />
      <NutButton
        type="primary"
        fill="outline"
        className="action-button"
        block
        id="service-phone-save"
        disabled={busy}
        loading={busy}
        onClick={() => void save()}
      >
        保存服务电话
      </NutButton>
      {message ? (
        <Text className="notice-warn" id="service-phone-message">
          {message}
        </Text>
      ) : null}
    </View>
  );
}
