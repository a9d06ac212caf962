import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionOutput, CareView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { errorText, formatInstant, toast } from '../../utils/ui';

const OUTCOME_LABELS = { well: '安好', needs_help: '需要帮助', not_reached: '未联系上' } as const;

/**
 * 特殊关爱名单 (武昌调研报告 二(三)四: 70 岁以上、重病、独居、残疾 residents, visited weekly): this week's
 * visits due per volunteer, the registry with the last check-in, and the escalation check (the
 * `care-escalation` timer runs it daily).
 */
export default function CareRegistry() {
  const [list, setList] = useState<CareView[] | null>(null);
  const [due, setDue] = useState<ActionOutput<'patrol', 'careDue'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [l, d] = await Promise.all([
        callFunction('patrol', 'careList', {}),
        callFunction('patrol', 'careDue', {}),
      ]);
      setList(l);
      setDue(d);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());

  if (error && !list) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!list || !due) return <Loading />;
  return (
    <View className="page" id="care-registry">
      <View className="card">
        <Text className="card-title">
          本周应探访（{due.weekStart} 至 {due.weekEnd}）
        </Text>
        {due.volunteers.length === 0 ? <Empty text="本周没有应探访的对象。" /> : null}
        {due.volunteers.map((v) => (
          <View key={v.volunteerUserId ?? 'none'} className="row">
            <Text className={v.volunteerUserId ? 'value' : 'value overdue-text'}>{v.volunteerName}</Text>
            <Text className="muted">
              {v.items.length} 人
              {v.items.some((i) => i.overdue) ? `，超期 ${v.items.filter((i) => i.overdue).length} 人` : ''}
            </Text>
          </View>
        ))}
        <Button
          className="btn-plain"
          id="run-escalation"
          onClick={() =>
            void callFunction('patrol', 'runCareEscalation', {}).then(
              (r) => {
                toast(`已检查 ${r.checked} 人，升级提醒 ${r.escalated} 人（消息 ${r.messages} 条）`);
                void load();
              },
              (err: unknown) => toast(errorText(err)),
            )
          }
        >
          检查未联系上的对象并通知
        </Button>
      </View>
      <Text className="section-title">名单（{list.length} 人）</Text>
      {list.length === 0 ? (
        <View className="card">
          <Empty text="名单为空。" />
        </View>
      ) : (
        list.map((c) => (
          <View
            key={c.id}
            className={`card${c.overdue || c.escalatedAt ? ' overdue' : ''}`}
            id={`care-${c.id}`}
          >
            <View className="row">
              <Text className="value">
                {c.personName} · {c.unitLabel}
              </Text>
              <Text className="tag tag-care">{c.reason}</Text>
            </View>
            <Text className="muted" style={{ display: 'block' }}>
              每 {c.cadenceDays} 天探访 · 巡查员 {c.volunteerName ?? '未分配'} · 联系人{' '}
              {c.contacts
                .map((k) => `${k.name}${k.relation ? `（${k.relation}）` : ''} ${k.phone}`)
                .join('，')}
            </Text>
            <Text className={c.overdue ? 'muted overdue-text' : 'muted'} style={{ display: 'block' }}>
              {c.lastCheckAt
                ? `最近 ${formatInstant(c.lastCheckAt)} ${c.lastOutcome ? OUTCOME_LABELS[c.lastOutcome] : ''}`
                : '尚未探访'}
              {' · '}下次 {formatInstant(c.nextDueAt)}
              {c.escalatedAt ? ` · 已于 ${formatInstant(c.escalatedAt)} 通知管家和联系人` : ''}
            </Text>
          </View>
        ))
      )}
    </View>
  );
}
