import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';

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

export function Countdown({ until }: { until: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <Text className="bottom-bar-note" id="window-countdown" aria-live="off">
      {countdownText(until, now)}
    </Text>
  );
}
