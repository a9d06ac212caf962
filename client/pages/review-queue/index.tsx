import { Text, View } from '@tarojs/components';
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
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { pressable } from '../../components/keyboard';

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
        <Text className="label">审核环节</Text>
        <ChoiceChips<ReviewState | null>
          label="审核环节"
          options={[
            [null, '全部环节'],
            ...(status && !states.includes(status) ? [...states, status] : states).map(
              (st) => [st, REVIEW_STATE_LABELS[st]] as const,
            ),
          ]}
          value={status}
          onChange={setStatus}
          idOf={(v) => (v ? `status-${v}` : 'status-all')}
        />
        <Text className="label">申请类别</Text>
        <ChoiceChips<HouseholdCategory | null>
          label="申请类别"
          options={[
            [null, '全部类别'],
            ...HOUSEHOLD_CATEGORIES.map((c) => [c, HOUSEHOLD_CATEGORY_LABELS[c]] as const),
          ]}
          value={category}
          onChange={setCategory}
          idOf={(v) => (v ? `category-${v}` : 'category-all')}
        />
        <Text className="label">排序</Text>
        <ChoiceChips<Sort>
          label="排序"
          options={SORTS}
          value={sort}
          onChange={setSort}
          idOf={(v) => `sort-${v}`}
        />
        <NutButton
          fill="outline"
          block
          id="export-applications"
          loading={exporting.exporting}
          onClick={() => void exporting.run()}
        >
          {exporting.exporting ? '正在生成…' : '导出 Excel'}
        </NutButton>
      </View>
      {data.length === 0 ? (
        <View className="card">
          <Empty text="没有待办的申请。新的申请提交后会出现在这里。" />
        </View>
      ) : null}
      {data.map((r) => (
        <View
          key={r.id}
          id={`application-${r.id}`}
          className={`card${r.overdueDepartments > 0 ? ' overdue' : ''}`}
          role="link"
          aria-label={`审核 ${r.headNameMasked} 的申请`}
          {...pressable()}
          onClick={() => void Taro.navigateTo({ url: `/pages/review/index?id=${r.id}` })}
        >
          <View className="row">
            <Text className="value">
              {r.headNameMasked} · {r.size} 人 · {r.categoryLabel}
            </Text>
            <StatusTag tone="info" text={r.statusLabel} />
          </View>
          <View className="row">
            <Text className="muted">{r.idNumberMasked}</Text>
            <Text className="muted">自 {formatInstant(r.since)}</Text>
          </View>
          {r.noticeEndsOn ? <Text className="muted">公示至 {formatDate(r.noticeEndsOn)} </Text> : null}
          {r.pendingObjections > 0 ? (
            <StatusTag tone="warn" text={`待答复异议 ${r.pendingObjections} 件`} />
          ) : null}
          {r.overdueDepartments > 0 ? (
            <StatusTag tone="bad" text={`部门核查逾期 ${r.overdueDepartments} 项`} />
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
