import { Text, View } from '@tarojs/components';
import { VisitCard } from '../../components/outbox-form';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { rememberVisits } from '../../services/patrol-cache';
import { formatInstant, queryParam } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { Cell, CellGroup } from '../../components/nut';
import { formatDate } from '../../utils/format';

/** One route's stops with their status: the volunteer opens a stop to log it; a manager reads progress. */
export default function PatrolRoute() {
  const routeId = queryParam('id');
  const { data, error, reload } = useLoad(async () => {
    const r = await callFunction('patrol', 'routeVisits', { routeId });
    rememberVisits(r.visits); // the visit pages open offline from this copy
    return r;
  });

  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const { route, visits } = data;
  return (
    <Screen id="patrol-route" title="巡查路线">
      <View className="card">
        <Text className="card-title">
          {route.projectName} {route.title}
        </Text>
        <CellGroup>
          <Cell title="巡查轮次" extra={route.runLabel} />
          <Cell title="巡查员" extra={route.volunteerName ?? '未分配'} />
          <Cell title="计划日期" extra={formatDate(route.plannedOn)} />
          <Cell
            title={`共 ${route.total} 处`}
            description={`已走访 ${route.visited}，无人在家 ${route.nobodyHome}，拒绝 ${route.refused}，待走访 ${route.toVisit}`}
          />
        </CellGroup>
      </View>
      {visits.length === 0 ? (
        <View className="card">
          <Empty text="这条路线没有需要走访的房屋。" />
        </View>
      ) : (
        visits.map((v) => (
          <VisitCard
            key={v.id}
            v={v}
            detail={v.lastVisitedAt ? `最近走访 ${formatInstant(v.lastVisitedAt)}` : '尚未走访'}
          />
        ))
      )}
    </Screen>
  );
}
