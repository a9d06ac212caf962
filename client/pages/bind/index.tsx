import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PRIVACY_NOTICE, isValidIdNumber } from '@shared/rules/people.rule';
import { PrivacyNotice } from '../../components/privacy-notice';
import { ErrorState, Loading } from '../../components/status-view';
import { SandboxPhoneField, WechatPhoneButton } from '../../components/wechat-phone-button';
import { callFunction } from '../../services/call';
import { useLoad } from '../../utils/use-load';
import { errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';

/**
 * A tenant or applicant binds their WeChat account to the household the housing office holds: after the two
 * notices, name + ID number + the phone number WeChat confirms (the getPhoneNumber button; in the local
 * browser demo a sandbox plays WeChat's answer). Wrong attempts are limited per day.
 */
export default function Bind() {
  const { data, error, reload } = useLoad(() => callFunction('account', 'myData', {}));
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [sandboxPhone, setSandboxPhone] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; idNumber?: string }>({});

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;

  const agreed = (k: 'personal' | 'sensitive') => data.consents[k]?.version === PRIVACY_NOTICE.version;
  const agree = async (kind: 'personal' | 'sensitive') => {
    setBusy(true);
    try {
      await callFunction('account', 'consent', { kind, version: PRIVACY_NOTICE.version });
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (phoneCode: string) => {
    setMessage(null);
    // Each field says what is wrong with it under itself (issue #19).
    const errors = {
      name: name.trim() ? undefined : '请填写户主姓名',
      idNumber: isValidIdNumber(idNumber) ? undefined : '身份证号码格式不正确，请核对后重新输入',
    };
    setFieldErrors(errors);
    if (errors.name || errors.idNumber) return;
    setBusy(true);
    try {
      await callFunction('account', 'bindHousehold', {
        name: name.trim(),
        idNumber: idNumber.trim(),
        phoneCode,
      });
      toast('绑定成功', 'success');
      void Taro.reLaunch({ url: '/pages/index/index' });
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (data.household)
    return (
      <Screen id="bind" title="绑定我的家庭">
        <View className="card" id="bound">
          <Text className="card-title">已绑定：{data.household.headName} 家庭</Text>
          <StatusTag tone="ok" text="已绑定" />
          <View className="row">
            <Text className="label">户主身份证号</Text>
            <Text className="value">{data.household.idNumberMasked}</Text>
          </View>
        </View>
      </Screen>
    );

  const ready = agreed('personal') && agreed('sensitive');
  return (
    <Screen
      id="bind"
      title="绑定我的家庭"
      bottom={
        // The main action in the fixed bottom bar (issue #19): WeChat's phone button, or in the local demo
        // the button that sends the number typed in the form's demo phone field.
        ready ? (
          <WechatPhoneButton
            ids={{ button: 'bind-phone', sandboxInput: 'bind-sandbox-phone', sandboxButton: 'bind-submit' }}
            fill="solid"
            label="微信手机号验证并绑定"
            sandboxLabel="验证并绑定"
            deniedMessage="需要验证微信绑定的手机号才能完成绑定"
            busy={busy}
            sandboxPhone={sandboxPhone}
            onCode={(code) => void submit(code)}
            onDenied={setMessage}
          />
        ) : undefined
      }
    >
      <PrivacyNotice
        kind="personal"
        agreed={agreed('personal')}
        busy={busy}
        onAgree={() => void agree('personal')}
      />
      <PrivacyNotice
        kind="sensitive"
        agreed={agreed('sensitive')}
        busy={busy}
        onAgree={() => void agree('sensitive')}
      />
      {ready ? (
        <View className="card" id="bind-form">
          <Text className="card-title">核验户主信息</Text>
          <Text className="muted" style={{ display: 'block' }}>
            请填写住房保障部门登记的户主姓名和身份证号码，并用户主本人在微信绑定的手机号验证。
          </Text>
          <TextField
            id="bind-name"
            label="户主姓名"
            required
            value={name}
            maxLength={30}
            placeholder="与登记信息一致"
            error={fieldErrors.name}
            onChange={(text) => {
              setName(text);
              setFieldErrors((f) => ({ ...f, name: undefined }));
            }}
          />
          <TextField
            id="bind-id-number"
            label="户主身份证号码"
            required
            type="idcard"
            value={idNumber}
            maxLength={18}
            placeholder="18 位，末位可能是 X"
            error={fieldErrors.idNumber}
            onChange={(text) => {
              setIdNumber(text);
              setFieldErrors((f) => ({ ...f, idNumber: undefined }));
            }}
          />
          <SandboxPhoneField id="bind-sandbox-phone" value={sandboxPhone} onChange={setSandboxPhone} />
          {message ? (
            <Text className="notice-warn" id="bind-message">
              {message}
            </Text>
          ) : null}
        </View>
      ) : null}
    </Screen>
  );
}
