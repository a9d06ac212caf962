import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { VisitView } from '@shared/contracts';
import { submit, type OutboxJob } from '../services/offline-queue';
import { newRequestId } from '../utils/photo';
import { errorText } from '../utils/ui';
import { formatDate } from '../utils/format';
import { Empty } from './status-view';
import { StatusTag, type StatusTone } from './status-tag';
import { Screen } from './screen';
import { pressable } from './keyboard';

/**
 * The state of a form whose record goes through the outbox: busy, the error to show, and the id made on the
 * phone for the record (a new one after a refusal, since the corrected record is a different record).
 * `send` resolves to 'sent', 'saved' (kept on the phone) or null (refused; the message is in `error`).
 */
export function useOutboxForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [clientId, setClientId] = useState(newRequestId);
  const send = async (job: OutboxJob, title: string): Promise<'sent' | 'saved' | null> => {
    setError(null);
    setBusy(true);
    try {
      let r: Awaited<ReturnType<typeof submit>>;
      try {
        r = await submit(job, title);
      } catch (err) {
        setError(errorText(err)); // e.g. the phone's storage is full: nothing was saved
        return null;
      }
      if (r.state !== 'refused') return r.state;
      setClientId(newRequestId());
      setError(r.message);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, clientId, send };
}

/** Shown when a page opened offline has nothing saved on the phone to show. */
export function NotOnPhone({ what }: { what: string }) {
  return (
    <Screen id="not-on-phone" title="找不到记录">
      <View className="card">
        <Empty text={`找不到${what}。请联网后从“我的巡查”重新打开。`} />
      </View>
    </Screen>
  );
}

const STATUS_TONE: Record<VisitView['status'], StatusTone> = {
  to_visit: 'info',
  visited: 'ok',
  nobody_home: 'warn',
  refused: 'bad',
};

/** One stop in a list; tapping opens the visit log. `pending`: a log for it waits in the outbox. */
export function VisitCard({ v, pending, detail }: { v: VisitView; pending?: boolean; detail: string }) {
  return (
    <View
      className="card visit-card"
      id={`visit-${v.id}`}
      role="link"
      aria-label={`${v.label}，${pending ? '待上传' : v.statusLabel}，打开走访记录`}
      {...pressable()}
      onClick={() => void Taro.navigateTo({ url: `/pages/patrol-visit/index?id=${v.id}` })}
    >
      <View className="row">
        <Text className="value">
          {v.specialCare ? <StatusTag tone="warn" text="关爱" /> : null}
          {v.label}
        </Text>
        {pending ? (
          <StatusTag tone="warn" text="待上传" />
        ) : (
          <StatusTag tone={STATUS_TONE[v.status]} text={v.statusLabel} />
        )}
      </View>
      <Text className="muted">
        {detail}
        {v.retryOn ? ` · 再次走访 ${formatDate(v.retryOn)}` : ''}
      </Text>
    </View>
  );
}
