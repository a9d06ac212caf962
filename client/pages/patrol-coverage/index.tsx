import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { CoverageView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useExport } from '../../utils/use-export';
import { chinaQuarter, formatPercent } from '../../utils/format';
import { errorText, formatInstant, queryParam } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { periodLabel } from '../../utils/period';
import { Button as NutButton } from '../../components/nut';
import { DateField } from '../../components/date-field';

type Row = CoverageView['projects'][number];

function CoverageRow({ r, id }: { r: Row; id: string }) {
  return (
    <View className="card" id={id}>
      <Text className="card-title">
        {r.buildingId ? `${r.projectName} ${r.buildingName}` : r.projectName}
      </Text>
      <View className="stats">
        <View className="stat">
          <Text className="stat-value cov-units">
            {r.unitsVisited}/{r.unitsDue}
          </Text>
          <Text className="muted">已走访/应走访（{formatPercent(r.coverage)}）</Text>
        </View>
        <View className="stat">
          <Text className="stat-value cov-nobody">{formatPercent(r.nobodyHomeRate)}</Text>
          <Text className="muted">
            无人在家率（{r.nobodyHomeAttempts}/{r.attempts} 次）
          </Text>
        </View>
        <View className="stat">
          <Text className="stat-value cov-hazards">
            {r.hazardsClosed}/{r.hazardsFound}
          </Text>
          <Text className="muted">隐患已销号/发现</Text>
        </View>
        <View className="stat">
          <Text className="stat-value cov-care">
            {r.careDone}/{r.careDue}
          </Text>
          <Text className="muted">关爱探访完成/应探访</Text>
        </View>
      </View>
      <Text className="muted" style={{ display: 'block' }}>
        公共区域 {r.publicAreasChecked}/{r.publicAreasDue} · 拒绝入户 {r.refused}
        {r.hazardsOverdue > 0 ? ` · 超期隐患 ${r.hazardsOverdue}` : ''}
      </Text>
    </View>
  );
}

/**
 * 巡查覆盖报告 (武昌调研报告 二(三)三 全覆盖入户巡查): per project and building, units visited / due, the
 * nobody-home rate, hazards found and closed, special-care visits done / due; suspected vacancy or sublet
 * signals for the exit procedure (乌兰察布办法 第三十二条). Export to Excel.
 */
export default function PatrolCoverage() {
  const [quarter, setQuarter] = useState(() => queryParam('quarter') || chinaQuarter());
  const [view, setView] = useState<CoverageView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setView(await callFunction('patrol', 'coverage', { quarter }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [quarter]);
  useDidShow(() => void load());

  const exportCoverage = useExport(() => callFunction('patrol', 'exportCoverage', { quarter }));

  if (error && !view) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!view) return <Loading />;
  return (
    <Screen
      id="patrol-coverage"
      title="巡查覆盖报告"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="coverage-export"
          disabled={exportCoverage.exporting}
          onClick={() => void exportCoverage.run()}
        >
          {exportCoverage.exporting ? '正在生成…' : '导出 Excel'}
        </NutButton>
      }
    >
      <View className="card">
        <DateField
          id="coverage-quarter"
          label="季度"
          kind="quarter"
          current={chinaQuarter()}
          value={quarter}
          onChange={setQuarter}
        />
        <NutButton fill="outline" type="primary" id="coverage-load" onClick={() => void load()}>
          查询
        </NutButton>
        {error ? <Text className="error">{error}</Text> : null}
        <Text className="muted">
          {periodLabel(view.quarter)} · 截至 {formatInstant(view.asOf)}
        </Text>
      </View>
      {view.projects.length === 0 ? (
        <View className="card">
          <Empty text="这个季度还没有巡查计划。" />
        </View>
      ) : null}
      {view.projects.map((r) => (
        <CoverageRow key={r.projectId} r={r} id={`coverage-${r.projectId}`} />
      ))}
      {view.buildings.length > 0 ? <Text className="section-title">按楼栋</Text> : null}
      {view.buildings.map((r) => (
        <CoverageRow key={`${r.projectId}-${r.buildingId}`} r={r} id={`coverage-b-${r.buildingId}`} />
      ))}
      <Text className="section-title">疑似空置、转租线索（{view.signals.length}）</Text>
      {view.signals.length === 0 ? (
        <View className="card">
          <Empty text="本季度巡查未发现空置或转租迹象。" />
        </View>
      ) : (
        view.signals.map((s, i) => (
          <View className="card" key={i} id={`signal-${i}`}>
            <View className="row">
              <Text className="value">
                {s.projectName} {s.unitLabel}
              </Text>
              <StatusTag tone="bad" text={s.kindLabel} />
            </View>
            <Text className="repair-desc">{s.note}</Text>
            <Text className="muted">
              {formatInstant(s.at)} · 依据：{s.clause}
            </Text>
          </View>
        ))
      )}
    </Screen>
  );
}
