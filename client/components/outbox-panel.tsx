import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { discard, flush, outbox, retry, subscribeOutbox, type OutboxEntry } from '../services/offline-queue';
import { confirm, formatInstant, toast } from '../utils/ui';
import { Button as NutButton } from './nut';

/** Records saved on the phone and not yet sent: count, send now, and the server's refusals to read. */
export function OutboxPanel() {
  const [list, setList] = useState<OutboxEntry[]>(outbox);
  const [busy, setBusy] = useState(false);
  useEffect(() => subscribeOutbox(setList), []);
  if (list.length === 0) return null;
  const waiting = list.filter((e) => !e.error);
  const refused = list.filter((e) => e.error);

  const sendNow = async () => {
    setBusy(true);
    try {
      const r = await flush();
      if (r.offline) toast(`网络不可用，${r.remaining} 条记录仍保存在手机上，联网后自动上传`);
      else if (r.refused > 0) toast(`${r.refused} 条记录被退回，请查看原因`);
      else toast(`已上传 ${r.sent} 条记录`, 'success');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card outbox" id="outbox">
      <Text className="card-title">
        待上传 <Text id="outbox-count">{list.length}</Text> 条
      </Text>
      <Text className="muted" style={{ display: 'block' }}>
        网络不好时记录先保存在手机上，联网后会自动上传，不会重复。
      </Text>
      {waiting.map((e) => (
        <View className="row" key={`${e.job.kind}-${e.id}`}>
          <Text className="value">{e.title}</Text>
          <Text className="muted">{formatInstant(e.queuedAt)} 保存</Text>
        </View>
      ))}
      {refused.map((e) => (
        <View className="outbox-refused" key={`${e.job.kind}-${e.id}`}>
          <Text className="value">{e.title}</Text>
          <Text className="error">未被接受：{e.error}</Text>
          <NutButton fill="outline" onClick={() => retry(e.id, e.job.kind)}>
            重新上传
          </NutButton>
          <NutButton
            fill="outline"
            className="outbox-discard"
            onClick={() =>
              void confirm('删除记录', `删除“${e.title}”？删除后无法恢复。`).then(
                (ok) => ok && discard(e.id, e.job.kind),
              )
            }
          >
            删除
          </NutButton>
        </View>
      ))}
      {waiting.length > 0 ? (
        <NutButton type="primary" block id="outbox-send" loading={busy} onClick={() => void sendNow()}>
          立即上传
        </NutButton>
      ) : null}
    </View>
  );
}
