import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { useExport } from '../../utils/use-export';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';

/**
 * 轮候名单: households approved through 三审三公示 in offering order — priority tier, then the certificate date
 * (武昌调研报告 二(二)三; 乌兰察布 第十四条) — filtered by tier.
 */
export default function WaitlistPage() {
  const [tier, setTier] = useState<number | null>(null);
  const { data, error, reload } = useLoad(() => callFunction('allocation', 'waitlist', tier ? { tier } : {}));
  useEffect(() => {
    void reload();
  }, [tier, reload]);
  const [tiers, setTiers] = useState<{ tier: number; label: string }[]>([]);
  useEffect(() => {
    if (data && tier === null)
      setTiers([...new Map(data.map((r) => [r.tier, { tier: r.tier, label: r.tierLabel }])).values()]);
  }, [data, tier]);
  const exporting = useExport(() => callFunction('allocation', 'exportWaitlist', tier ? { tier } : {}));
  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  return (
    <Screen id="waitlist" title="轮候名单">
      <View className="card">
        <Text className="card-title">共 {data.length} 户</Text>
        <Button
          className="btn-plain"
          id="export-waitlist"
          disabled={exporting.exporting}
          onClick={() => void exporting.run()}
        >
          {exporting.exporting ? '正在生成…' : '导出 Excel'}
        </Button>
        <View className="chips">
          <Text
            className={tier === null ? 'chip chip-on' : 'chip'}
            id="tier-all"
            onClick={() => setTier(null)}
          >
            全部层级
          </Text>
          {tiers.map((t) => (
            <Text
              key={t.tier}
              id={`tier-${t.tier}`}
              className={tier === t.tier ? 'chip chip-on' : 'chip'}
              onClick={() => setTier(t.tier)}
            >
              {t.label}
            </Text>
          ))}
        </View>
      </View>
      {data.length === 0 ? (
        <View className="card">
          <Empty text="轮候名单为空。" />
        </View>
      ) : null}
      <View className="card">
        {data.slice(0, 300).map((r) => (
          <View className="row" key={r.householdId} id={`waitlist-${r.householdId}`}>
            <Text className="label">
              {r.position}. {r.headNameMasked} · {r.categoryLabel}
            </Text>
            <Text className="muted">
              {r.tierLabel} · 持证 {formatDate(r.certificateDate)}
            </Text>
          </View>
        ))}
      </View>
    </Screen>
  );
}
