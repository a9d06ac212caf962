import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RepairView } from '@shared/contracts';
import { REPAIR_STATE_LABELS, type RepairState } from '@shared/rules/repair-flow.rule';
import { RepairCard } from '../../components/repair-card';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { errorText, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button } from '../../components/nut';

const FILTERS: (RepairState | 'open')[] = [
  'open',
  'submitted',
  'assigned',
  'in_progress',
  'done',
  'confirmed',
];
const OPEN: readonly RepairState[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];

/**
 * 报修派单 for managers (their projects' requests, emergencies and overdue first, grouped by building) and
 * 我的维修任务 for workers (only what is assigned to them).
 */
export default function RepairBoard() {
  const [filter, setFilter] = useState<RepairState | 'open'>('open');
  const { data, error, reload } = useLoad(async () => {
    const [list, me] = await Promise.all([
      callFunction('repair', 'board', {}),
      callFunction('account', 'me', {}),
    ]);
    return { list, roles: me.user.roles };
  });

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const { list, roles } = data;
  const manager = roles.includes('manager');
  if (!manager) void Taro.setNavigationBarTitle({ title: '我的维修任务' });
  const shown = list.filter((r) => (filter === 'open' ? OPEN.includes(r.status) : r.status === filter));
  const overdue = list.filter((r) => r.overdue).length;
  const byBuilding = new Map<string, RepairView[]>();
  for (const r of shown) {
    const key = `${r.projectName} ${r.unitLabel.split('-')[0] ?? ''}`;
    byBuilding.set(key, [...(byBuilding.get(key) ?? []), r]);
  }

  return (
    <Screen id="repair-board" title={manager ? '报修派单' : '我的维修任务'} tab="board">
      <View className="card">
        <View className="stats">
          <View className="stat">
            <Text className="stat-value" id="board-open">
              {list.filter((r) => OPEN.includes(r.status)).length}
            </Text>
            <Text className="muted">待处理</Text>
          </View>
          <View className="stat">
            <Text className={overdue > 0 ? 'stat-value warn' : 'stat-value'} id="board-overdue">
              {overdue}
            </Text>
            <Text className="muted">已超期</Text>
          </View>
        </View>
        <ChoiceChips
          label="按状态查看"
          options={FILTERS.map((f) => [f, f === 'open' ? '待处理' : REPAIR_STATE_LABELS[f]] as const)}
          value={filter}
          onChange={setFilter}
          idOf={(f) => `filter-${f}`}
        />
        {manager ? (
          <>
            <Button
              fill="outline"
              type="primary"
              block
              id="go-repair-stats"
              onClick={() => void Taro.navigateTo({ url: '/pages/repair-stats/index' })}
            >
              报修统计与导出
            </Button>
            <Button
              fill="outline"
              type="primary"
              block
              id="run-reminders"
              onClick={() =>
                void callFunction('repair', 'remindDeadlines', {}).then(
                  (r) => toast(`已检查 ${r.checked} 单，提醒 ${r.reminded} 单（新消息 ${r.queued} 条）`),
                  (err: unknown) => toast(errorText(err)),
                )
              }
            >
              发送到期提醒
            </Button>
          </>
        ) : null}
      </View>
      {shown.length === 0 ? (
        <View className="card">
          <Empty text={manager ? '没有这类报修。' : '暂无派给您的维修任务。'} />
        </View>
      ) : (
        [...byBuilding].map(([building, items]) => (
          <View key={building}>
            <Text className="section-title">
              {building}（{items.length}）
            </Text>
            {items.map((r) => (
              <RepairCard key={r.id} r={r} showUnit />
            ))}
          </View>
        ))
      )}
    </Screen>
  );
}
