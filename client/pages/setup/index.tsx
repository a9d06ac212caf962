import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { callFunction } from '../../services/call';
import { errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { TextField } from '../../components/text-field';

/**
 * The first administrator: the one-time setup code from the deployment's configuration, entered once. After
 * that, administrators and staff join by invitation.
 */
export default function Setup() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const submit = async () => {
    if (!code.trim()) {
      setCodeError('请输入初始化口令。');
      return;
    }
    setCodeError(null);
    setBusy(true);
    setMessage(null);
    try {
      await callFunction('account', 'setupAdmin', { code: code.trim() });
      toast('您已成为住房保障部门管理员', 'success');
      void Taro.reLaunch({ url: '/pages/index/index' });
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen
      id="setup"
      title="系统初始化"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="setup-submit"
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          成为管理员
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">首位管理员初始化</Text>
        <Text className="muted" style={{ display: 'block' }}>
          初始化口令由部署人员在系统配置中设置，只能使用一次。使用后，其他管理员和工作人员通过邀请码加入。
        </Text>
        <TextField
          id="setup-code"
          label="初始化口令"
          required
          type="password"
          value={code}
          maxLength={64}
          placeholder="请输入初始化口令"
          error={codeError}
          onChange={(text) => {
            setCode(text);
            setCodeError(null);
          }}
        />
        {message ? (
          <Text className="notice-warn" id="setup-message">
            {message}
          </Text>
        ) : null}
      </View>
    </Screen>
  );
}
