import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionOutput } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useExport } from '../../utils/use-export';
import { chinaMonth, formatFen } from '../../utils/format';
import { errorText } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { CallTenant } from '../../components/call-tenant';
import { tabRole } from '../../utils/tabs';
import { MonthStepper } from '../../components/month-stepper';
import { ChoiceChips } from '../../components/choice-chips';
import { pressable } from '../../components/keyboard';

type Arrears = ActionOutput<'billing', 'arrears'>;

/**
 * 欠租管理 (乌兰察布 第三十二条(四)): leases behind on rent with months overdue and amounts, by building;
 * those at 6 months or more are flagged for the exit procedure. Each opens the tenant's ledger.
 */
export default function ArrearsPage() {
  const [data, setData] = useState<Arrears | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [period, setPeriod] = useState(chinaMonth);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (buildingId: string | null) => {
    try {
      setData(await callFunction('billing', 'arrears', buildingId ? { buildingId } : {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load(building));

  const pick = (id: string | null) => {
    setBuilding(id);
    void load(id);
  };
  const exportMonth = useExport(() => callFunction('billing', 'exportMonth', { period: period.trim() }));

  if (error && !data) return <ErrorState message={error} onRetry={() => void load(building)} />;
  if (!data) return <Loading />;
  const flagged = data.rows.filter((r) => r.exitFlag).length;
  // The project's manager calls a household behind on rent; the office oversees.
  const manager = tabRole() === 'manager';
  return (
    <Screen id="arrears" title="欠租管理" tab="arrears">
      <View className="card">
        <View className="stats">
          <View className="stat">
            <Text className="stat-value" id="arrears-count">
              {data.rows.length}
            </Text>
            <Text className="muted">欠租户数</Text>
          </View>
          <View className="stat">
            <Text className="stat-value warn" id="arrears-total">
              {formatFen(data.totalFen)}
            </Text>
            <Text className="muted">欠缴合计</Text>
          </View>
          <View className="stat">
            <Text className={flagged > 0 ? 'stat-value warn' : 'stat-value'} id="arrears-exit">
              {flagged}
            </Text>
            <Text className="muted">累计欠租6个月以上</Text>
          </View>
        </View>
        <ChoiceChips<string | null>
          label="楼栋"
          options={[
            [null, '全部楼栋'],
            ...data.buildings.map((b) => [b.id, `${b.projectName} ${b.name}`] as const),
          ]}
          value={building}
          onChange={pick}
          idOf={(b) => (b === null ? 'building-all' : `building-${b}`)}
        />
        <MonthStepper
          id="export-period"
          label="导出月份"
          value={period}
          max={chinaMonth()}
          onChange={setPeriod}
        />
        <NutButton
          fill="outline"
          type="primary"
          id="export-month"
          disabled={exportMonth.exporting}
          onClick={() => void exportMonth.run()}
        >
          {exportMonth.exporting ? '正在生成月报…' : '导出月报 Excel'}
        </NutButton>
      </View>
      {data.rows.length === 0 ? (
        <View className="card">
          <Empty text="没有欠租的租户。" />
        </View>
      ) : null}
      {data.rows.map((r) => (
        <View
          className={`card${r.exitFlag ? ' overdue' : ''}`}
          key={r.leaseId}
          id={`arrears-${r.leaseId}`}
          role="link"
          {...pressable()}
          onClick={() => void Taro.navigateTo({ url: `/pages/ledger/index?leaseId=${r.leaseId}` })}
        >
          <View className="row">
            <Text className="value">
              {r.projectName} {r.unitLabel} · {r.householdName}
            </Text>
            <Text className="value overdue-text">{formatFen(r.amountFen)}</Text>
          </View>
          <View className="row">
            <Text className="muted">欠租 {r.monthsOverdue} 个月</Text>
            {manager ? <CallTenant id={`call-tenant-${r.leaseId}`} of={{ leaseId: r.leaseId }} /> : null}
            {r.exitFlag ? (
              <NutButton
                type="danger"
                fill="outline"
                size="small"
                className="action-button"
                id={`exit-start-${r.leaseId}`}
                onClick={(e) => {
                  e.stopPropagation();
                  void Taro.navigateTo({
                    url: `/pages/exit-cases/index?leaseId=${r.leaseId}&trigger=arrears_6_months`,
                  });
                }}
              >
                启动退出程序
              </NutButton>
            ) : null}
          </View>
        </View>
      ))}
      {flagged > 0 ? (
        <Text className="muted" style={{ display: 'block' }}>
          {data.exitRule}
        </Text>
      ) : null}
    </Screen>
  );
}
