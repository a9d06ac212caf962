import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { addDays, chinaDate } from '@shared/rules/dates';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { useExport } from '../../utils/use-export';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { DateField, dateLabel } from '../../components/date-field';

/**
 * 微信支付对账 (housing office): what WeChat Pay's daily trade bill and the ledger disagree on, for the last
 * month (checked every morning for the day before); a day can be checked again once a difference is dealt
 * with.
 */
export default function BillDifferencesPage() {
  const yesterday = addDays(chinaDate(Date.now()), -1);
  const [day, setDay] = useState(yesterday);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoad(() => callFunction('billing', 'billDifferences', {}));
  const exported = useExport(() => callFunction('billing', 'exportDifferences', {}));

  const rerun = async () => {
    if (
      !(await confirm(
        '重新对账',
        `重新下载 ${dateLabel('date', day)} 的微信支付账单并与账本核对？该日原有的差异将按核对结果更新。`,
      ))
    )
      return;
    setBusy(true);
    try {
      const r = await callFunction('billing', 'reconcileTradeBill', { billDate: day });
      toast(r.status === 'no_bill' ? '该日没有微信支付交易' : `核对 ${r.rows} 笔，差异 ${r.differences} 笔`);
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  return (
    <Screen
      id="bill-differences"
      title="微信支付对账"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="reconcile-day-run"
          disabled={busy}
          loading={busy}
          onClick={() => void rerun()}
        >
          下载账单并核对
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">重新对账</Text>
        <Text className="muted" style={{ display: 'block' }}>
          每天早上自动核对前一天的账单；处理完差异后，可选一天重新核对。
        </Text>
        <DateField
          id="reconcile-day"
          label="对账日期"
          kind="date"
          value={day}
          max={yesterday}
          min={addDays(yesterday, -365)}
          onChange={setDay}
        />
      </View>
      <View className="card" id="difference-list">
        <Text className="card-title">近一个月的差异（{data.length}）</Text>
        {data.length === 0 ? <Empty text="微信支付账单与账本一致，没有差异。" /> : null}
        {data.length > 0 ? (
          <NutButton
            fill="outline"
            type="primary"
            id="export-differences"
            disabled={exported.exporting}
            onClick={() => void exported.run()}
          >
            {exported.exporting ? '正在生成…' : '导出 Excel'}
          </NutButton>
        ) : null}
        {data.map((d) => (
          <View className="timeline-item" key={d.id} id={`difference-${d.kind}`}>
            <Text className="label">
              {dateLabel('date', d.billDate)} · {d.kindLabel}
            </Text>
            <Text className="muted" style={{ display: 'block' }}>
              {d.householdName || '未知家庭'} · 微信支付{' '}
              {d.wechatFen === null ? '无' : formatFen(d.wechatFen)} · 账本{' '}
              {d.ledgerFen === null ? '无' : formatFen(d.ledgerFen)}
            </Text>
            <Text className="muted" style={{ display: 'block' }}>
              发现于 {formatInstant(d.foundAt)}
            </Text>
          </View>
        ))}
      </View>
    </Screen>
  );
}
