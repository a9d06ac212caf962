import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CareDueItem } from '@shared/contracts';
import { NotOnPhone, useOutboxForm } from '../../components/outbox-form';
import { rememberedCare } from '../../services/patrol-cache';
import { formatInstant, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { FieldError, TextField } from '../../components/text-field';

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
  const { busy, error, clientId, send } = useOutboxForm();
  const [fieldErrors, setFieldErrors] = useState<{ outcome?: string; help?: string }>({});

  if (!care) return <NotOnPhone what="这位关爱对象" />;

  const save = async () => {
    // Each missing field says so under itself (issue #19).
    if (!outcome) return setFieldErrors({ outcome: '请选择探访结果。' });
    if (outcome === 'needs_help' && help.trim() === '')
      return setFieldErrors({ help: '请说明需要什么帮助。' });
    setFieldErrors({});
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
    <Screen
      id="care-checkin"
      title="关爱探访"
      bottom={
        <NutButton type="primary" size="large" id="save-care" loading={busy} onClick={() => void save()}>
          保存探访记录
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">
          {care.personName} · {care.unitLabel}
        </Text>
        <StatusTag tone="warn" text={care.reason} />
        <Text className={care.overdue ? 'muted overdue-text' : 'muted'} style={{ display: 'block' }}>
          {care.notReachedSince
            ? `自 ${formatInstant(care.notReachedSince)} 起未联系上，请尽快再次联系`
            : `应于 ${formatInstant(care.nextDueAt)} 前探访`}
        </Text>
      </View>
      <View className="card">
        <Text className="card-title">探访结果</Text>
        <ChoiceChips<Outcome | null>
          label="探访结果"
          options={OUTCOMES}
          value={outcome}
          onChange={(o) => {
            setOutcome(o);
            setFieldErrors({});
          }}
          idOf={(o) => `care-outcome-${o}`}
        />
        <FieldError id="care-outcome" error={fieldErrors.outcome} />
        <Text className="label">方式</Text>
        <ChoiceChips<Channel>
          label="探访方式"
          options={CHANNELS}
          value={channel}
          onChange={setChannel}
          idOf={(c) => `care-channel-${c}`}
        />
        {outcome === 'not_reached' ? (
          <Text className="muted">如超过规定时间仍未联系上，系统会通知物业管家和登记的联系人。</Text>
        ) : null}
      </View>
      {outcome === 'needs_help' ? (
        <View className="card">
          <Text className="card-title">需要什么帮助</Text>
          <TextField
            id="care-help"
            label="需要什么帮助"
            hideLabel
            multiline
            maxLength={300}
            value={help}
            placeholder="例如：老人腿脚不便，需要帮忙买药"
            error={fieldErrors.help}
            onChange={(text) => {
              setHelp(text);
              setFieldErrors({});
            }}
          />
          <Text className="label">是否紧急</Text>
          <ChoiceChips<boolean>
            label="是否紧急"
            options={[
              [false, '一般'],
              [true, '紧急'],
            ]}
            value={urgent}
            onChange={setUrgent}
            idOf={(u) => (u ? 'care-urgent-on' : 'care-urgent-off')}
            toneOf={(u) => (u ? 'chip-danger' : undefined)}
          />
        </View>
      ) : null}
      <View className="card">
        <TextField
          id="care-note"
          label="备注（选填）"
          multiline
          maxLength={300}
          value={note}
          placeholder="例如：电话联系，老人说一切都好"
          onChange={setNote}
        />
      </View>
      {error ? (
        <Text className="error" id="form-error">
          {error}
        </Text>
      ) : null}
    </Screen>
  );
}
