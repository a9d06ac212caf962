import { Text } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';

/** 剩余 12分05秒 until a window closes (issue #19: countdowns where a window closes); 已结束 after. */
export function countdownText(until: string, now: number): string {
  const left = Math.floor((new Date(until).getTime() - now) / 1000);
  if (!(left > 0)) return '时段已结束';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `剩余 ${h}小时${pad(m)}分` : `剩余 ${m}分${pad(s)}秒`;
}

/**
 * Counts down on the server's clock, not the phone's: `serverNow` is the server's time when it answered, so
 * the phone's own error (a clock set wrong, common on older phones) is taken out. The offset is learnt again
 * from each answer the page polls.
 */
export function Countdown({ until, serverNow }: { until: string; serverNow: string }) {
  const offset = useMemo(() => new Date(serverNow).getTime() - Date.now(), [serverNow]);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const t = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(t);
  }, [offset]);
  return (
    <Text className="bottom-bar-note" id="window-countdown" aria-live="off">
      {countdownText(until, now)}
    </Text>
  );
}
