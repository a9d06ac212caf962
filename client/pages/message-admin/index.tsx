import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { AlertView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { linkUrl } from '../../utils/message-link';
import { useLoad } from '../../utils/use-load';
import { errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';

/**
 * 紧急告警与消息送达 (issue #18): managers and the office see the urgent alerts of their projects (who was told,
 * whether someone acknowledged, when it goes to the next person) and acknowledge them; the office also sees
 * the delivery figures per kind of message (sent, failed, waiting, inbox only).
 */
export default function MessageAdmin() {
  const { data, error, reload } = useLoad(async () => {
    const me = await callFunction('account', 'me', {});
    const isAdmin = me.user.roles.includes('admin');
    const [alerts, stats] = await Promise.all([
      callFunction('message', 'alerts', {}),
      isAdmin ? callFunction('message', 'deliveryStats', {}) : Promise.resolve(null),
    ]);
    return { alerts: alerts.alerts, stats };
  });
  const [busy, setBusy] = useState<string | null>(null);

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;

  const acknowledge = async (a: AlertView) => {
    setBusy(a.id);
    try {
      await callFunction('message', 'acknowledgeAlert', { alertId: a.id });
      toast('已确认收到', 'success');
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Screen id="message-admin" title="紧急告警与消息送达">
      <View className="card" id="alerts">
        <Text className="card-title">紧急告警</Text>
        {data.alerts.length === 0 ? <Empty text="没有紧急告警。" /> : null}
        {data.alerts.map((a) => {
          const open = !a.acknowledgedAt;
          const url = linkUrl(a.link);
          return (
            <View key={a.id} id={`alert-${a.id}`} style={{ marginBottom: '16px' }}>
              <StatusTag tone={open ? 'bad' : 'ok'} text={open ? '待确认' : '已确认'} />
              <Text className="card-title">{a.title}</Text>
              <Text style={{ display: 'block' }}>{a.body}</Text>
              <Text className="muted" style={{ display: 'block' }}>
                {formatInstant(a.createdAt)} · 已通知：{a.notified.join('、') || '—'}
              </Text>
              {a.acknowledgedAt ? (
                <Text className="muted" style={{ display: 'block' }}>
                  {a.acknowledgedByName} 于 {formatInstant(a.acknowledgedAt)} 确认收到
                </Text>
              ) : a.escalatesAt ? (
                <Text className="notice-warn" style={{ display: 'block' }}>
                  如 {formatInstant(a.escalatesAt)} 前无人确认，将通知名单上的下一位负责人
                </Text>
              ) : (
                <Text className="notice-warn" style={{ display: 'block' }}>
                  名单上的负责人均已通知，仍无人确认
                </Text>
              )}
              {open ? (
                <NutButton
                  type="primary"
                  className="action-button"
                  block
                  id={`ack-alert-${a.id}`}
                  disabled={busy === a.id}
                  onClick={() => void acknowledge(a)}
                >
                  确认收到
                </NutButton>
              ) : null}
              {url ? (
                <NutButton
                  type="primary"
                  fill="outline"
                  className="action-button"
                  block
                  onClick={() => void Taro.navigateTo({ url })}
                >
                  查看详情
                </NutButton>
              ) : null}
            </View>
          );
        })}
      </View>
      {data.stats ? (
        <View className="card" id="delivery-stats">
          <Text className="card-title">消息送达情况</Text>
          <View className="row">
            <Text className="label">类别</Text>
            <Text className="value">已送达 / 失败 / 等待发送 / 仅消息页</Text>
          </View>
          {data.stats.rows.map((r) => (
            <View className="row" key={r.kind} id={`delivery-${r.kind}`}>
              <Text className="label">{r.label}</Text>
              <Text className="value">
                {r.sent} / {r.failed} / {r.waiting} / {r.inboxOnly}
              </Text>
            </View>
          ))}
          <View className="row" id="delivery-sms">
            <Text className="label">紧急短信</Text>
            <Text className="value">
              已发送 {data.stats.sms.sent} 条，失败 {data.stats.sms.failed} 条
            </Text>
          </View>
          <Text className="muted" style={{ display: 'block' }}>
            “仅消息页”指对方没有可用的微信订阅次数或未登记手机号，消息只在小程序“消息”中可见。
          </Text>
        </View>
      ) : null}
    </Screen>
  );
}
