import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RepairView } from '@shared/contracts';
import { formatInstant } from '../utils/ui';
import { StatusTag, type StatusTone } from './status-tag';
import { pressable } from './keyboard';

/** A request's status as a tone (words and a mark, never colour alone: components/status-tag.tsx). */
export function repairTone(r: RepairView): StatusTone {
  if (r.overdue) return 'bad';
  if (r.status === 'done' || r.status === 'confirmed') return 'ok';
  if (r.status === 'rejected') return 'info';
  return 'warn';
}

/** One request in a list: what, where, status, deadline (overdue in red); tapping opens the detail. */
export function RepairCard({ r, showUnit }: { r: RepairView; showUnit?: boolean }) {
  return (
    <View
      className={`card repair-card${r.overdue ? ' overdue' : ''}`}
      id={`repair-${r.id}`}
      role="link"
      {...pressable()}
      onClick={() => void Taro.navigateTo({ url: `/pages/repair/index?id=${r.id}` })}
    >
      <View className="row">
        <Text className="value">{r.kind === 'help' ? '困难求助' : r.categoryLabel}</Text>
        <StatusTag tone={repairTone(r)} text={r.statusLabel} />
      </View>
      <View className="row">{r.emergency ? <StatusTag tone="bad" text="紧急" /> : null}</View>
      <Text className="repair-desc">{r.description}</Text>
      {showUnit ? (
        <Text className="muted" style={{ display: 'block' }}>
          {r.projectName} {r.unitLabel}
        </Text>
      ) : null}
      <Text className={r.overdue ? 'muted overdue-text' : 'muted'} style={{ display: 'block' }}>
        {r.overdue ? '已超期 · ' : ''}处理期限 {formatInstant(r.deadline)}
        {r.workerName ? ` · 维修人员 ${r.workerName}` : ''}
      </Text>
    </View>
  );
}
