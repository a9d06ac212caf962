import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import { PrivacyNotice } from '../../components/privacy-notice';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import { callFunction } from '../../services/call';
import { errorText, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

/**
 * Accepting an invitation (`/pages/join/index?code=…` from a shared link, `?scene=…` from a scanned 小程序码, or typed): a
 * staff or volunteer invitation grants its role at once; a family invitation (代缴/代办) also asks for the
 * member's own name and ID number, after the sensitive-information notice.
 */
export default function Join() {
  // From a shared link (/pages/join/index?code=…) or a scanned 小程序码, whose code WeChat passes as the
  // URL-encoded `scene` query (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
  const [code, setCode] = useState(() => (queryParam('code') || queryParam('scene')).trim().toUpperCase());
  const [family, setFamily] = useState(false);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [agreed, setAgreed] = useState({ personal: false, sensitive: false });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ code?: string; name?: string; idNumber?: string }>({});
  /** A volunteer invitation accepted: routes are assigned now, the moment to ask for patrol reminders (#18). */
  const [joinedAs, setJoinedAs] = useState<string | null>(null);

  const agree = async (kind: 'personal' | 'sensitive') => {
    setBusy(true);
    try {
      await callFunction('account', 'consent', { kind, version: PRIVACY_NOTICE.version });
      setAgreed((a) => ({ ...a, [kind]: true }));
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    setMessage(null);
    // Each field says what is wrong with it under itself (issue #19).
    const errors = {
      code: code.trim().length === 8 ? undefined : '邀请码是 8 位，请核对后输入。',
      name: family && !name.trim() ? '请填写您的姓名。' : undefined,
      idNumber: family && !idNumber.trim() ? '请填写您的身份证号码。' : undefined,
    };
    setFieldErrors(errors);
    if (errors.code || errors.name || errors.idNumber) return;
    setBusy(true);
    try {
      const res = await callFunction('account', 'acceptInvitation', {
        code: code.trim().toUpperCase(),
        ...(family ? { name: name.trim(), idNumber: idNumber.trim() } : {}),
      });
      toast(`已加入：${res.roleLabel}`, 'success');
      if (res.role === 'volunteer') setJoinedAs(res.roleLabel);
      else void Taro.reLaunch({ url: '/pages/index/index' });
    } catch (err) {
      const text = errorText(err);
      // A family invitation needs the member's own name and ID number: the server says which are missing.
      if (!family && /姓名|身份证/.test(JSON.stringify((err as { fields?: unknown }).fields ?? ''))) {
        setFamily(true);
        setMessage('这是家庭成员邀请：请阅读告知并填写您本人的姓名和身份证号码。');
      } else setMessage(text);
    } finally {
      setBusy(false);
    }
  };

  if (joinedAs)
    return (
      <Screen
        id="join"
        title="接受邀请"
        bottom={
          <NutButton
            type="primary"
            size="large"
            id="join-home"
            onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}
          >
            进入首页
          </NutButton>
        }
      >
        <View className="card" id="join-done">
          <Text className="card-title">已加入：{joinedAs}</Text>
          <Text className="muted" style={{ display: 'block' }}>
            巡查任务已按项目分配，可在首页的“本季度安全巡查”中开始巡查。
          </Text>
        </View>
        <SubscribePrompt moment="volunteer_routes" />
      </Screen>
    );

  return (
    <Screen
      id="join"
      title="接受邀请"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="join-submit"
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          接受邀请
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">输入邀请码</Text>
        <Text className="muted" style={{ display: 'block' }}>
          邀请码由住房保障部门、物业管家或户主提供，8 位，只能使用一次。
        </Text>
        <TextField
          id="join-code"
          label="邀请码"
          hideLabel
          required
          value={code}
          maxLength={8}
          placeholder="8 位邀请码"
          error={fieldErrors.code}
          onChange={(text) => {
            setCode(text);
            setFieldErrors((f) => ({ ...f, code: undefined }));
          }}
        />
        <View
          className="link muted"
          id="join-as-family"
          role="button"
          aria-pressed={family}
          {...pressable()}
          onClick={() => setFamily(!family)}
        >
          {family ? '我不是家庭成员' : '我是被户主邀请的家庭成员'}
        </View>
      </View>
      {family ? (
        <>
          <PrivacyNotice
            kind="personal"
            agreed={agreed.personal}
            busy={busy}
            onAgree={() => void agree('personal')}
          />
          <PrivacyNotice
            kind="sensitive"
            agreed={agreed.sensitive}
            busy={busy}
            onAgree={() => void agree('sensitive')}
          />
          <View className="card">
            <Text className="card-title">您本人的信息</Text>
            <TextField
              id="join-name"
              label="您的姓名"
              required
              value={name}
              maxLength={30}
              placeholder="与身份证一致"
              error={fieldErrors.name}
              onChange={(text) => {
                setName(text);
                setFieldErrors((f) => ({ ...f, name: undefined }));
              }}
            />
            <TextField
              id="join-id-number"
              label="您的身份证号码"
              hint="须年满 18 周岁。"
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
          </View>
        </>
      ) : null}
      {message ? (
        <Text className="notice-warn" id="join-message">
          {message}
        </Text>
      ) : null}
    </Screen>
  );
}
