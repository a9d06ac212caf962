import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ROLE_LABELS } from '@shared/contracts';
import { WorkPhoneCard } from '../../components/work-phone';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { TextField } from '../../components/text-field';

const FIELDS = [
  ['name', '姓名'],
  ['phone', '手机号'],
  ['idNumber', '身份证号码'],
  ['household', '家庭信息'],
  ['other', '其他'],
] as const;

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="row">
      <Text className="label">{label}</Text>
      <Text className="value" id={id}>
        {value}
      </Text>
    </View>
  );
}

/**
 * What the system holds about me (个人信息保护法 第四十五条), a request to correct it (第四十六条), my consents,
 * how long data is kept after a household exits, and unbinding.
 */
export default function MyData() {
  const { data, error, reload } = useLoad(() => callFunction('account', 'myData', {}));
  const [field, setField] = useState<(typeof FIELDS)[number][0]>('phone');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [textError, setTextError] = useState<string | null>(null);

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;

  const correct = async () => {
    if (text.trim().length < 2) return setTextError('请写明需要更正的内容。');
    setTextError(null);
    setBusy(true);
    try {
      await callFunction('account', 'requestCorrection', {
        field,
        text: text.trim(),
        clientRequestId: `corr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      });
      setText('');
      toast('更正申请已提交', 'success');
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const unbind = async () => {
    const head = data.household?.relation === 'head';
    if (
      !(await confirm(
        '解除绑定',
        head ? '解除后，您和您添加的家庭成员都不能再在线办理本户业务。' : '解除后，您将不能再办理该户业务。',
        '解除',
      ))
    )
      return;
    try {
      await callFunction('account', 'unbindHousehold', {});
      toast('已解除绑定', 'success');
      void Taro.reLaunch({ url: '/pages/index/index' });
    } catch (err) {
      toast(errorText(err));
    }
  };

  return (
    <Screen id="my-data" title="我的信息与隐私">
      <View className="card">
        <Text className="card-title">本人信息</Text>
        <Row label="姓名" value={data.name || '（未填写）'} />
        <Row label="角色" value={data.roles.map((r) => ROLE_LABELS[r]).join('、') || '无'} />
        {data.projectNames.length ? <Row label="负责项目" value={data.projectNames.join('、')} /> : null}
        {data.phoneMasked ? <Row label="微信手机号" value={data.phoneMasked} /> : null}
        {data.idNumberMasked ? <Row label="身份证号" value={data.idNumberMasked} /> : null}
      </View>
      {data.roles.some((r) => r !== 'tenant') ? (
        <WorkPhoneCard phoneMasked={data.phoneMasked} onSaved={() => void reload()} />
      ) : null}
      {data.household ? (
        <View className="card" id="my-household">
          <Text className="card-title">
            绑定的家庭（{data.household.relation === 'head' ? '户主' : '家庭成员'}）
          </Text>
          <Row label="户主" value={data.household.headName} />
          <Row label="身份证号" value={data.household.idNumberMasked} id="household-id-masked" />
          <Row label="登记手机号" value={data.household.phoneMasked} />
          <Row label="家庭人口" value={`${data.household.size} 人`} />
          <Row label="保障类别" value={data.household.categoryLabel} />
          <Row label="状态" value={data.household.statusLabel} />
          <Row label="绑定时间" value={formatInstant(data.household.boundAt)} />
          <NutButton
            type="primary"
            fill="outline"
            className="action-button"
            block
            id="unbind"
            onClick={() => void unbind()}
          >
            解除绑定
          </NutButton>
        </View>
      ) : null}
      <View className="card" id="consents">
        <Text className="card-title">我的同意记录</Text>
        <Row
          label="个人信息处理告知"
          value={
            data.consents.personal
              ? `版本 ${data.consents.personal.version}，${formatInstant(data.consents.personal.at)}`
              : '未同意'
          }
        />
        <Row
          label="敏感个人信息告知"
          value={
            data.consents.sensitive
              ? `版本 ${data.consents.sensitive.version}，${formatInstant(data.consents.sensitive.at)}`
              : '未同意'
          }
        />
        <Text className="muted">保存期限：{data.retention}</Text>
      </View>
      <View className="card" id="corrections">
        <Text className="card-title">申请更正</Text>
        <Text className="label" style={{ display: 'block' }}>
          哪一项有误
        </Text>
        <ChoiceChips
          label="哪一项有误"
          options={FIELDS}
          value={field}
          idOf={(k) => `correct-${k}`}
          onChange={setField}
        />
        <TextField
          id="correction-text"
          label="正确的内容"
          required
          multiline
          value={text}
          maxLength={300}
          placeholder="请写明哪里有误、正确的内容是什么"
          error={textError}
          onChange={(typed) => {
            setText(typed);
            setTextError(null);
          }}
        />
        <NutButton
          type="primary"
          className="action-button"
          block
          id="correction-submit"
          disabled={busy}
          onClick={() => void correct()}
        >
          提交更正申请
        </NutButton>
        {data.corrections.length === 0 ? <Empty text="没有更正申请。" /> : null}
        {data.corrections.map((c) => (
          <View className="row" key={c.at + c.field}>
            <Text className="label">
              {formatInstant(c.at)} <StatusTag tone="info" text={c.status} />
            </Text>
            <Text className="value">{c.text}</Text>
          </View>
        ))}
      </View>
    </Screen>
  );
}
