import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { InboxItem } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { linkUrl } from '../../utils/message-link';
import { useLoad } from '../../utils/use-load';
import { errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';

/**
 * 消息 (issue #18): every message the system sent the person, newest first; unread ones marked. Opening one
 * marks it read and goes to what it is about. Urgent alerts to staff carry 确认收到, which stops the alert
 * from going on to the next person.
 */
export default function Inbox() {
  const { data, error, reload } = useLoad(() => callFunction('message', 'inbox', {}));
  const [more, setMore] = useState<InboxItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const items = [...data.items, ...more.filter((m) => !data.items.some((d) => d.id === m.id))];
  const cursor = more.length > 0 ? next : data.next;

  const open = async (item: InboxItem) => {
    try {
      if (!item.read) await callFunction('message', 'markRead', { messageId: item.id });
    } catch (err) {
      toast(errorText(err));
    }
    const url = linkUrl(item.link);
    if (url) void Taro.navigateTo({ url });
    else void reload();
  };

  const acknowledge = async (item: InboxItem) => {
    if (!item.alertId) return;
    setBusy(item.id);
    try {
      await callFunction('message', 'acknowledgeAlert', { alertId: item.alertId });
      if (!item.read) await callFunction('message', 'markRead', { messageId: item.id });
      toast('已确认收到', 'success');
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await callFunction('message', 'inbox', { before: cursor });
      setMore((prev) => [...prev, ...page.items]);
      setNext(page.next);
    } catch (err) {
      toast(errorText(err));
    }
  };

  return (
    <Screen id="inbox" title="消息" tab="inbox">
      <View className="card">
        <Text className="card-title">消息</Text>
        <Text className="muted" id="inbox-unread">
          {data.unread > 0 ? `${data.unread} 条未读` : '没有未读消息'}
        </Text>
      </View>
      {items.length === 0 ? (
        <View className="card">
          <Empty text="还没有消息。租金提醒、报修进度、配租通知等都会显示在这里。" />
        </View>
      ) : (
        items.map((m) => (
          <View className="card" key={m.id} id={`message-${m.id}`}>
            <View className="row">
              <StatusTag
                tone={m.urgent ? 'bad' : 'info'}
                text={m.urgent ? `紧急 · ${m.kindLabel}` : m.kindLabel}
              />
              {!m.read ? <StatusTag tone="warn" text="未读" /> : null}
            </View>
            <Text className="card-title">{m.title}</Text>
            <Text style={{ display: 'block' }}>{m.body}</Text>
            <Text className="muted" style={{ display: 'block' }}>
              {formatInstant(m.createdAt)} · {m.deliveryLabel}
            </Text>
            {m.alertOpen ? (
              <NutButton
                type="primary"
                className="action-button"
                block
                id={`ack-${m.id}`}
                disabled={busy === m.id}
                onClick={() => void acknowledge(m)}
              >
                确认收到
              </NutButton>
            ) : null}
            <NutButton
              type="primary"
              fill="outline"
              className="action-button"
              block
              id={`open-${m.id}`}
              onClick={() => void open(m)}
            >
              {m.link ? '查看详情' : m.read ? '已读' : '标为已读'}
            </NutButton>
          </View>
        ))
      )}
      {cursor ? (
        <NutButton
          type="primary"
          fill="outline"
          className="action-button"
          block
          id="inbox-more"
          onClick={() => void loadMore()}
        >
          查看更早的消息
        </NutButton>
      ) : null}
    </Screen>
  );
}
