import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CareDueItem } from '@shared/contracts';
import { NotOnPhone, useOutboxForm } from '../../components/outbox-form';
import { rememberedCare } from '../../services/patrol-cache';
import { formatInstant, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';

type Outcome = 'well' | 'needs_help' | 'not_reached';
type Channel = 'visit' | 'phone' | 'wechat';

const OUTCOMES: [Outcome, string][] = [
  ['well', '见到本人，一切安好'],
  ['needs_help', '需要帮助'],
  ['not_reached', '未联系上'],
];
const CHANNELS: [Channel, string][] = [
  ['visit', '上门'],
  ['phone', '电话'],
  ['wechat', '微信'],
];

/**
 * 特殊关爱探访 (武昌调研报告 二(三)四: 70 岁以上、重病、独居、残疾 residents, visited weekly): seen and well;
 * needs help (creates a help request on the managers' repair board); not reached (the manager and the
 * registered contacts are alerted if nobody reaches the resident within the policy's delay).
 */
export default function CareCheckin() {
  const careId = queryParam('id');
  const [care] = useState<CareDueItem | null>(() => rememberedCare(careId));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [channel, setChannel] = useState<Channel>('visit');
  const [note, setNote] = useState('');
  const [help, setHelp] = useState('');
  const [urgent, setUrgent] = useState(false);
  const { busy, error, setError, clientId, send } = useOutboxForm();

  if (!care) return <NotOnPhone what="这位关爱对象" />;

  const save = async () => {
    if (!outcome) return setError('请选择探访结果。');
    if (outcome === 'needs_help' && help.trim() === '') return setError('请说明需要什么帮助。');
    const state = await send(
      {
        kind: 'careCheckIn',
        input: {
          clientCheckinId: clientId,
          careId: care.careId,
          outcome,
          channel,
          at: new Date().toISOString(),
          note: note.trim(),
          ...(outcome === 'needs_help' ? { help: { description: help.trim(), urgent } } : {}),
        },
      },
      `${care.personName} 关爱探访`,
    );
    if (!state) return;
    if (state === 'sent') toast(outcome === 'needs_help' ? '已提交，求助已转物业管家' : '已记录', 'success');
    else toast('已保存在手机上，联网后自动上传');
    await Taro.navigateBack();
  };

  return (
    <Screen id="care-checkin" title="关爱探访">
      <View className="card">
        <Text className="card-title">
          {care.personName} · {care.unitLabel}
        </Text>
        <Text className="tag tag-care">{care.reason}</Text>
        <Text className={care.overdue ? 'muted overdue-text' : 'muted'} style={{ display: 'block' }}>
          {care.notReachedSince
            ? `自 ${formatInstant(care.notReachedSince)} 起未联系上，请尽快再次联系`
            : `应于 ${formatInstant(care.nextDueAt)} 前探访`}
        </Text>
      </View>
      <View className="card">
        <Text className="card-title">探访结果</Text>
        <View className="chips">
          {OUTCOMES.map(([o, label]) => (
            <Text
              key={o}
              id={`care-outcome-${o}`}
              className={outcome === o ? 'chip chip-on' : 'chip'}
              onClick={() => setOutcome(o)}
            >
              {label}
            </Text>
          ))}
        </View>
        <Text className="label">方式</Text>
        <View className="chips">
          {CHANNELS.map(([c, label]) => (
            <Text
              key={c}
              id={`care-channel-${c}`}
              className={channel === c ? 'chip chip-on' : 'chip'}
              onClick={() => setChannel(c)}
            >
              {label}
            </Text>
          ))}
        </View>
        {outcome === 'not_reached' ? (
          <Text className="muted">如超过规定时间仍未联系上，系统会通知物业管家和登记的联系人。</Text>
        ) : null}
      </View>
      {outcome === 'needs_help' ? (
        <View className="card">
          <Text className="card-title">需要什么帮助</Text>
          <Textarea
            id="care-help"
            className="field"
            maxlength={300}
            value={help}
            placeholder="例如：老人腿脚不便，需要帮忙买药"
            onInput={(e) => setHelp(e.detail.value)}
          />
          <View className="row">
            <Text className="label">紧急</Text>
            <Switch checked={urgent} onChange={(e) => setUrgent(e.detail.value)} />
          </View>
        </View>
      ) : null}
      <View className="card">
        <Textarea
          id="care-note"
          className="field"
          maxlength={300}
          value={note}
          placeholder="备注（选填）"
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>
      {error ? (
        <Text className="error" id="form-error">
          {error}
        </Text>
      ) : null}
      <Button className="btn" id="save-care" disabled={busy} loading={busy} onClick={() => void save()}>
        保存探访记录
      </Button>
    </Screen>
  );
}
