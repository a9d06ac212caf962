import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionOutput } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useExport } from '../../utils/use-export';
import { errorText } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { DateField } from '../../components/date-field';
import { chinaMonth } from '../../utils/format';
import { periodLabel } from '../../utils/period';

type Stats = ActionOutput<'repair', 'stats'>;
type Row = Stats['overall'];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function Table({ title, rows, id }: { title: string; rows: Row[]; id: string }) {
  return (
    <View className="card" id={id}>
      <Text className="card-title">{title}</Text>
      <View className="table-row">
        <Text className="cell label">分组</Text>
        <Text className="cell label">报修</Text>
        <Text className="cell label">完成用时中位数</Text>
        <Text className="cell label">超期率</Text>
        <Text className="cell label">好评/差评</Text>
      </View>
      {rows.map((r) => (
        <View className="table-row" key={r.key} id={`${id}-${r.key}`}>
          <Text className="cell">{periodLabel(r.label)}</Text>
          <Text className="cell">{r.total}</Text>
          <Text className="cell">{r.medianHours === null ? '—' : `${r.medianHours} 小时`}</Text>
          <Text className={r.overdueRate > 0 ? 'cell overdue-text' : 'cell'}>{pct(r.overdueRate)}</Text>
          <Text className="cell">
            {r.good}/{r.poor}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** 报修统计: per category, building and month (median completion time, overdue rate, ratings); Excel export. */
export default function RepairStats() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);

  const filter = useCallback(() => {
    const f: { fromMonth?: string; toMonth?: string } = {};
    if (from.trim()) f.fromMonth = from.trim();
    if (to.trim()) f.toMonth = to.trim();
    return f;
  }, [from, to]);

  const load = useCallback(async () => {
    try {
      setStats(await callFunction('repair', 'stats', filter()));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [filter]);
  useDidShow(() => void load());

  const exportStats = useExport(() => callFunction('repair', 'exportStats', filter()));

  if (error && !stats) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!stats) return <Loading />;
  const o = stats.overall;
  return (
    <Screen
      id="repair-stats"
      title="报修统计"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="export-stats"
          disabled={exportStats.exporting}
          onClick={() => void exportStats.run()}
        >
          {exportStats.exporting ? '正在生成…' : '导出 Excel'}
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">时间范围（提交月份）</Text>
        <DateField
          id="from-month"
          label="起始月份"
          kind="month"
          value={from}
          placeholder="不限"
          max={to || chinaMonth()}
          onChange={setFrom}
        />
        <DateField
          id="to-month"
          label="结束月份"
          kind="month"
          value={to}
          placeholder="不限"
          min={from || undefined}
          max={chinaMonth()}
          onChange={setTo}
        />
        {error ? <Text className="error">{error}</Text> : null}
        <NutButton fill="outline" type="primary" id="apply-filter" onClick={() => void load()}>
          查询
        </NutButton>
      </View>
      <View className="card" id="stats-overall">
        <View className="stats">
          <View className="stat">
            <Text className="stat-value" id="stats-total">
              {o.total}
            </Text>
            <Text className="muted">报修总数</Text>
          </View>
          <View className="stat">
            <Text className="stat-value">{o.medianHours === null ? '—' : o.medianHours}</Text>
            <Text className="muted">完成用时中位数（小时）</Text>
          </View>
          <View className="stat">
            <Text className={o.overdue > 0 ? 'stat-value warn' : 'stat-value'} id="stats-overdue-rate">
              {pct(o.overdueRate)}
            </Text>
            <Text className="muted">超期率（{o.overdue} 单）</Text>
          </View>
          <View className="stat">
            <Text className="stat-value">
              {o.good}/{o.poor}
            </Text>
            <Text className="muted">好评/差评</Text>
          </View>
        </View>
      </View>
      {o.total === 0 ? (
        <View className="card">
          <Empty text="这段时间没有报修。" />
        </View>
      ) : (
        <>
          <Table title="按类别" rows={stats.byCategory} id="by-category" />
          <Table title="按楼栋" rows={stats.byBuilding} id="by-building" />
          <Table title="按月份" rows={stats.byMonth} id="by-month" />
          {stats.poorReasons.length > 0 ? (
            <View className="card">
              <Text className="card-title">差评原因</Text>
              {stats.poorReasons.map((r) => (
                <View className="row" key={r.reason}>
                  <Text className="label">{r.label}</Text>
                  <Text className="value">{r.count}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </>
      )}
    </Screen>
  );
}
