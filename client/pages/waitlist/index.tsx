import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { useExport } from '../../utils/use-export';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { tabRole } from '../../utils/tabs';

/**
 * 轮候名单: households approved through 三审三公示 in offering order — priority tier, then the certificate date
 * (武昌调研报告 二(二)三; 乌兰察布 第十四条) — filtered by tier. The office (not the reviewers who also see
 * the list) can open an exit case on a household whose approval rested on false material (发现虚假材料:
 * 乌兰察布 第三十七条第二款, 取消其轮候登记), on its approved application.
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
  const office = tabRole() === 'admin';
  const exporting = useExport(() => callFunction('allocation', 'exportWaitlist', tier ? { tier } : {}));
  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  return (
    <Screen id="waitlist" title="轮候名单">
      <View className="card">
        <Text className="card-title">共 {data.length} 户</Text>
        <ChoiceChips<number | null>
          label="保障层级"
          options={[[null, '全部层级'], ...tiers.map((t) => [t.tier, t.label] as const)]}
          value={tier}
          onChange={setTier}
          idOf={(v) => (v === null ? 'tier-all' : `tier-${v}`)}
        />
        <NutButton
          fill="outline"
          block
          id="export-waitlist"
          loading={exporting.exporting}
          onClick={() => void exporting.run()}
        >
          {exporting.exporting ? '正在生成…' : '导出 Excel'}
        </NutButton>
      </View>
      {data.length === 0 ? (
        <View className="card">
          <Empty text="轮候名单为空。通过三审三公示的家庭会按层级和持证日期排在这里。" />
        </View>
      ) : null}
      {data.length > 0 ? (
        <View className="card">
          <CellGroup>
            {data.slice(0, 300).map((r) => (
              // NutUI's Cell passes no id on: the row's id is on a wrapper.
              <View key={r.householdId} id={`waitlist-${r.householdId}`}>
                <Cell
                  title={`第 ${r.position} 位 ${r.headNameMasked}`}
                  description={`${r.categoryLabel} · ${r.tierLabel}`}
                  extra={`持证 ${formatDate(r.certificateDate)}`}
                />
                {office && r.applicationId ? (
                  <View className="row">
                    <NutButton
                      type="danger"
                      fill="outline"
                      size="small"
                      className="action-button"
                      id={`false-material-${r.householdId}`}
                      onClick={() =>
                        void Taro.navigateTo({
                          url: `/pages/exit-cases/index?applicationId=${r.applicationId}`,
                        })
                      }
                    >
                      发现虚假材料
                    </NutButton>
                  </View>
                ) : null}
              </View>
            ))}
          </CellGroup>
        </View>
      ) : null}
    </Screen>
  );
}
