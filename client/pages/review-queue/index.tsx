import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { REVIEW_STATE_LABELS, type ReviewState } from '@shared/rules/review.rule';
import {
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CATEGORY_LABELS,
  type HouseholdCategory,
} from '@shared/rules/household';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { useExport } from '../../utils/use-export';
import { useLoad } from '../../utils/use-load';
import { formatInstant } from '../../utils/ui';
import { Screen } from '../../components/screen';

const SORTS = [
  ['oldest', '等待最久'],
  ['newest', '最新'],
  ['notice_ends', '公示先到期'],
] as const;
type Sort = (typeof SORTS)[number][0];

/**
 * 申请审核 queue: the caller's own review stage (社区初审, 街道复审, 住房保障部门终审, with 复核 for the
 * last), or every stage for the housing office; filter by state and category, sort, export to Excel. Names
 * and ID numbers are masked in the list; each row opens the application.
 */
export default function ReviewQueuePage() {
  const [status, setStatus] = useState<ReviewState | null>(null);
  const [category, setCategory] = useState<HouseholdCategory | null>(null);
  const [sort, setSort] = useState<Sort>('oldest');
  const { data, error, reload } = useLoad(() =>
    callFunction('allocation', 'reviewQueue', {
      ...(status ? { status } : {}),
      ...(category ? { category } : {}),
      sort,
    }),
  );
  const exporting = useExport(() =>
    callFunction('allocation', 'exportApplications', status ? { status } : {}),
  );
  const pick = <T,>(set: (v: T) => void, v: T) => set(v);
  // A changed filter or order fetches again (useLoad fetches when the page is shown).
  useEffect(() => {
    void reload();
  }, [status, category, sort, reload]);
  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const states = [...new Set(data.map((r) => r.status))];
  return (
    <Screen id="review-queue" title="申请审核">
      <View className="card">
        <View className="chips">
          <Text
            className={status === null ? 'chip chip-on' : 'chip'}
            id="status-all"
            onClick={() => pick(setStatus, null)}
          >
            全部环节
          </Text>
          {(status && !states.includes(status) ? [...states, status] : states).map((s) => (
            <Text
              key={s}
              id={`status-${s}`}
              className={status === s ? 'chip chip-on' : 'chip'}
              onClick={() => pick(setStatus, s)}
            >
              {REVIEW_STATE_LABELS[s]}
            </Text>
          ))}
        </View>
        <View className="chips">
          <Text
            className={category === null ? 'chip chip-on' : 'chip'}
            id="category-all"
            onClick={() => pick(setCategory, null)}
          >
            全部类别
          </Text>
          {HOUSEHOLD_CATEGORIES.map((c) => (
            <Text
              key={c}
              id={`category-${c}`}
              className={category === c ? 'chip chip-on' : 'chip'}
              onClick={() => pick(setCategory, c)}
            >
              {HOUSEHOLD_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>
        <View className="chips">
          {SORTS.map(([key, label]) => (
            <Text
              key={key}
              id={`sort-${key}`}
              className={sort === key ? 'chip chip-on' : 'chip'}
              onClick={() => pick(setSort, key)}
            >
              {label}
            </Text>
          ))}
        </View>
        <Button
          className="btn-plain"
          id="export-applications"
          disabled={exporting.exporting}
          onClick={() => void exporting.run()}
        >
          {exporting.exporting ? '正在生成…' : '导出 Excel'}
        </Button>
      </View>
      {data.length === 0 ? (
        <View className="card">
          <Empty text="没有待办的申请。" />
        </View>
      ) : null}
      {data.map((r) => (
        <View
          key={r.id}
          id={`application-${r.id}`}
          className={`card${r.overdueDepartments > 0 ? ' overdue' : ''}`}
          onClick={() => void Taro.navigateTo({ url: `/pages/review/index?id=${r.id}` })}
        >
          <View className="row">
            <Text className="value">
              {r.headNameMasked} · {r.size} 人 · {r.categoryLabel}
            </Text>
            <Text className="tag">{r.statusLabel}</Text>
          </View>
          <View className="row">
            <Text className="muted">{r.idNumberMasked}</Text>
            <Text className="muted">自 {formatInstant(r.since)}</Text>
          </View>
          {r.noticeEndsOn ? <Text className="muted">公示至 {formatDate(r.noticeEndsOn)} </Text> : null}
          {r.pendingObjections > 0 ? (
            <Text className="tag tag-warn">待答复异议 {r.pendingObjections}</Text>
          ) : null}
          {r.overdueDepartments > 0 ? (
            <Text className="tag tag-warn">部门核查逾期 {r.overdueDepartments}</Text>
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
