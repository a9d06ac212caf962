import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MyRegistration, RoundSummary } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { errorText, formatInstant } from '../../utils/ui';

/** 配租公告: every announced round, and where the caller stands in each. */
export default function Rounds() {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [mine, setMine] = useState<MyRegistration[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [r, m] = await Promise.all([
        callFunction('allocation', 'listRounds', {}),
        callFunction('allocation', 'myRegistrations', {}),
      ]);
      setRounds(r);
      setMine(m);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!rounds) return <Loading />;
  return (
    <View className="page" id="rounds">
      {rounds.length === 0 ? <Empty text="暂无配租公告。新的公告发布后会显示在这里。" /> : null}
      {rounds.map((r) => {
        const my = mine.find((m) => m.roundId === r.id);
        return (
          <View
            className="card round-card"
            key={r.id}
            id={`round-${r.id}`}
            onClick={() => void Taro.navigateTo({ url: `/pages/round/index?id=${r.id}` })}
          >
            <Text className="card-title">{r.title}</Text>
            <View>
              <Text className="tag">{r.statusLabel}</Text>
              {my ? <Text className="tag">{my.statusLabel}</Text> : null}
            </View>
            <View className="row">
              <Text className="label">项目</Text>
              <Text className="value">{r.projectName}</Text>
            </View>
            <View className="row">
              <Text className="label">报名截止</Text>
              <Text className="value">{formatInstant(r.registrationClosesAt)}</Text>
            </View>
            <View className="row">
              <Text className="label">已报名</Text>
              <Text className="value">{r.registrations} 户</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
