import { Text, View } from '@tarojs/components';
import { useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ActionOutput } from '@shared/contracts';
import { Empty } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { chinaMonth, formatFen } from '../../utils/format';
import { confirm, errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { DateField } from '../../components/date-field';
import { Button, Cell, CellGroup } from '../../components/nut';
import { periodLabel } from '../../utils/period';

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
    if (
      !(await confirm(
        '生成月度账单',
        `为所有在租租约生成${periodLabel(period)}账单？已生成的账单不会重复生成。`,
      ))
    )
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
    <Screen
      id="billing-admin"
      title="租金与补贴"
      bottom={
        <Button
          type="primary"
          size="large"
          block
          id="run-monthly"
          disabled={busy}
          loading={busy}
          onClick={() => void start()}
        >
          生成{periodLabel(period)}账单
        </Button>
      }
    >
      <View className="card">
        <Text className="card-title">月度账单</Text>
        <DateField
          id="run-period"
          label="账单月份"
          kind="month"
          value={period}
          onChange={(p) => {
            setPeriod(p);
            setPayouts(null);
          }}
        />
        {run ? (
          <View id="run-status">
            <View
              className="progress"
              role="progressbar"
              aria-valuenow={pct}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label="账单生成进度"
            >
              <View className="progress-bar" style={{ width: `${pct}%` }} />
            </View>
            <Text className="muted">
              {run.status === 'not_started'
                ? `${periodLabel(period)}尚未生成`
                : `${run.status === 'done' ? '已完成' : '进行中'}：已处理 ${run.leasesProcessed}/${run.leasesTotal} 份租约，新生成 ${run.billsCreated} 张，已存在 ${run.billsExisting} 张`}
            </Text>
            {run.billsRefused > 0 ? (
              <View id="run-refused">
                <Text className="overdue-text" style={{ display: 'block' }}>
                  {run.billsRefused}{' '}
                  份租约的账单未生成（金额超出允许范围），请核对房源租金或代收费用后重新生成：
                </Text>
                {run.refused.map((r, i) => (
                  <Text className="muted" key={r.leaseId} style={{ display: 'block' }}>
                    第 {i + 1} 份：{r.reason}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        ) : null}
        <Button
          fill="outline"
          type="primary"
          block
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
          fill="outline"
          type="primary"
          block
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
          fill="outline"
          type="primary"
          block
          id="load-payouts"
          onClick={() =>
            void callFunction('billing', 'subsidyPayouts', { period: period.trim() }).then(
              setPayouts,
              (err: unknown) => toast(errorText(err)),
            )
          }
        >
          查看{periodLabel(period)}发放名单
        </Button>
        {payouts ? (
          <>
            <CellGroup>
              <Cell
                title="发放户数 / 合计"
                extra={
                  <Text id="payout-total">
                    {payouts.rows.length} 户 / {formatFen(payouts.totalFen)}
                  </Text>
                }
              />
              {payouts.rows.map((r) => (
                <Cell
                  key={r.householdId}
                  title={r.householdName}
                  description={`${r.categoryLabel} · ${r.areaM2} ㎡`}
                  extra={`每月 ${formatFen(r.monthlySubsidyFen)}`}
                />
              ))}
            </CellGroup>
            {payouts.rows.length === 0 ? <Empty text="本月没有应发补贴的家庭。" /> : null}
            {payouts.stopped.length > 0 ? (
              <Text className="section-title">停发（{payouts.stopped.length} 户）</Text>
            ) : null}
            {payouts.stopped.length > 0 ? (
              <CellGroup>
                {payouts.stopped.map((s) => (
                  <Cell key={s.householdId} title={s.householdName} description={s.reason} />
                ))}
              </CellGroup>
            ) : null}
          </>
        ) : null}
      </View>
    </Screen>
  );
}
