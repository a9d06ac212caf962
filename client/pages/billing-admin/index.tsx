import { Button, Input, Text, View } from '@tarojs/components';
import { useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ActionOutput } from '@shared/contracts';
import { Empty } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { chinaMonth, formatFen } from '../../utils/format';
import { confirm, errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';

type Run = ActionOutput<'billing', 'runStatus'>;
type Payouts = ActionOutput<'billing', 'subsidyPayouts'>;

/**
 * 租金与补贴 (housing office): the monthly bill run with its progress (the same job as the timer; safe to
 * run again), reminders, payment reconciliation, and the month's rental subsidy payouts (惠州).
 */
export default function BillingAdmin() {
  const [period, setPeriod] = useState(chinaMonth);
  const [run, setRun] = useState<Run | null>(null);
  const [payouts, setPayouts] = useState<Payouts | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const refresh = useCallback(async () => {
    try {
      setRun(await callFunction('billing', 'runStatus', { period: period.trim() }));
    } catch (err) {
      toast(errorText(err));
    }
  }, [period]);
  useDidShow(() => void refresh());
  useUnload(() => {
    if (timer.current) clearInterval(timer.current);
  });

  const start = async () => {
    if (!(await confirm('生成月度账单', `为所有在租租约生成 ${period} 月账单？已生成的账单不会重复生成。`)))
      return;
    setBusy(true);
    timer.current = setInterval(() => void refresh(), 1000);
    try {
      setRun(await callFunction('billing', 'runMonthly', { period: period.trim() }));
      toast('账单已生成', 'success');
    } catch (err) {
      toast(errorText(err));
    } finally {
      if (timer.current) clearInterval(timer.current);
      setBusy(false);
    }
  };

  const pct =
    run && run.leasesTotal > 0 ? Math.min(100, Math.round((run.leasesProcessed / run.leasesTotal) * 100)) : 0;
  return (
    <Screen id="billing-admin" title="租金与补贴">
      <View className="card">
        <Text className="card-title">月度账单</Text>
        <Input
          id="run-period"
          className="field"
          nativeProps={{ 'aria-label': '账单月份' }}
          value={period}
          onInput={(e) => setPeriod(e.detail.value)}
        />
        {run ? (
          <View id="run-status">
            <View className="progress">
              <View className="progress-bar" style={{ width: `${pct}%` }} />
            </View>
            <Text className="muted">
              {run.status === 'not_started'
                ? '本月尚未生成'
                : `${run.status === 'done' ? '已完成' : '进行中'}：已处理 ${run.leasesProcessed}/${run.leasesTotal} 份租约，新生成 ${run.billsCreated} 张，已存在 ${run.billsExisting} 张`}
            </Text>
            {run.billsRefused > 0 ? (
              <View id="run-refused">
                <Text className="overdue-text" style={{ display: 'block' }}>
                  {run.billsRefused}{' '}
                  份租约的账单未生成（金额超出允许范围），请核对房源租金或代收费用后重新生成：
                </Text>
                {run.refused.map((r) => (
                  <Text className="muted" key={r.leaseId} style={{ display: 'block' }}>
                    {r.leaseId}：{r.reason}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        ) : null}
        <Button className="btn" id="run-monthly" disabled={busy} loading={busy} onClick={() => void start()}>
          生成账单
        </Button>
        <Button
          className="btn-plain"
          id="send-reminders"
          onClick={() =>
            void callFunction('billing', 'remind', {}).then(
              (r) => toast(`已发送到期提醒 ${r.dueSoon} 条、逾期提醒 ${r.overdue} 条`),
              (err: unknown) => toast(errorText(err)),
            )
          }
        >
          发送缴费提醒
        </Button>
        <Button
          className="btn-plain"
          id="reconcile"
          onClick={() =>
            void callFunction('billing', 'reconcile', {}).then(
              (r) => toast(`核对 ${r.checked} 笔，入账 ${r.credited} 笔，关闭 ${r.closed} 笔`),
              (err: unknown) => toast(errorText(err)),
            )
          }
        >
          核对未确认支付
        </Button>
      </View>
      <View className="card" id="subsidy">
        <Text className="card-title">租赁补贴发放</Text>
        <Button
          className="btn-plain"
          id="load-payouts"
          onClick={() =>
            void callFunction('billing', 'subsidyPayouts', { period: period.trim() }).then(
              setPayouts,
              (err: unknown) => toast(errorText(err)),
            )
          }
        >
          查看 {period} 发放名单
        </Button>
        {payouts ? (
          <>
            <View className="row">
              <Text className="label">发放户数 / 合计</Text>
              <Text className="value" id="payout-total">
                {payouts.rows.length} 户 / {formatFen(payouts.totalFen)}
              </Text>
            </View>
            {payouts.rows.length === 0 ? <Empty text="本月没有应发补贴的家庭。" /> : null}
            {payouts.rows.map((r) => (
              <View className="table-row" key={r.householdId}>
                <Text className="cell">{r.householdName}</Text>
                <Text className="cell">{r.categoryLabel}</Text>
                <Text className="cell">{r.areaM2} ㎡</Text>
                <Text className="cell">{formatFen(r.monthlySubsidyFen)}</Text>
              </View>
            ))}
            {payouts.stopped.length > 0 ? (
              <Text className="section-title">停发（{payouts.stopped.length} 户）</Text>
            ) : null}
            {payouts.stopped.map((s) => (
              <View className="row" key={s.householdId}>
                <Text className="label">{s.householdName}</Text>
                <Text className="muted">{s.reason}</Text>
              </View>
            ))}
          </>
        ) : null}
      </View>
    </Screen>
  );
}
