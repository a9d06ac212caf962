import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionInput, RenewalRow } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { useExport } from '../../utils/use-export';
import { confirm, errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';

type Status = NonNullable<ActionInput<'allocation', 'listRenewals'>['status']>;
const FILTERS: [Status, string][] = [
  ['all', '全部'],
  ['submitted', '待审核'],
  ['not_applied', '未申请'],
  ['approved', '待签约'],
  ['refused', '不予续租'],
];

/**
 * 续租审核 (乌兰察布 第二十一条): leases ending within six months by application due date — with or without an
 * application — with the eligibility re-check of the rules module (income, housing); the office approves
 * (the tenant then signs the renewal online) or refuses with a reason (move out when the lease ends, and the
 * exit procedure may follow). Filter, export, and tell those who have not applied.
 */
export default function RenewalsPage() {
  const [filter, setFilter] = useState<Status>('all');
  const [rows, setRows] = useState<RenewalRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const load = useCallback(async (f: Status) => {
    try {
      setRows(await callFunction('allocation', 'listRenewals', { status: f, withinMonths: 6 }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load(filter));
  const exporter = useExport(() => callFunction('allocation', 'exportRenewals', {}));

  const decide = async (r: RenewalRow, approve: boolean) => {
    const reason = (reasons[r.leaseId] ?? '').trim();
    if (!approve && !reason) {
      toast('请填写不予续租的理由');
      return;
    }
    const what = approve
      ? '同意续租，承租人将在线签订续租合同'
      : `不予续租，承租人应于 ${r.endDate} 租期届满时退房`;
    if (!(await confirm(approve ? '同意续租' : '不予续租', `${r.householdName}：${what}。确定吗？`))) return;
    try {
      await callFunction('allocation', 'decideRenewal', {
        renewalId: r.renewalId as string,
        approve,
        ...(reason ? { reason } : {}),
      });
      toast('已处理', 'success');
      await load(filter);
    } catch (err) {
      void Taro.showModal({ title: '未能处理', content: errorText(err), showCancel: false });
    }
  };

  const remind = async () => {
    try {
      const { told } = await callFunction('allocation', 'remindRenewals', {});
      toast(`已提醒 ${told} 户`, 'success');
    } catch (err) {
      toast(errorText(err));
    }
  };

  if (error && !rows) return <ErrorState message={error} onRetry={() => void load(filter)} />;
  if (!rows) return <Loading />;
  return (
    <Screen id="renewals" title="续租审核">
      <View className="card">
        <View className="chips">
          {FILTERS.map(([k, label]) => (
            <Text
              key={k}
              id={`renewal-filter-${k}`}
              className={filter === k ? 'chip chip-on' : 'chip'}
              onClick={() => {
                setFilter(k);
                void load(k);
              }}
            >
              {label}
            </Text>
          ))}
        </View>
        <Button className="btn-plain" id="renewal-remind" onClick={() => void remind()}>
          提醒未申请续租的住户
        </Button>
        <Button
          className="btn-plain"
          id="renewal-export"
          disabled={exporter.exporting}
          onClick={() => void exporter.run()}
        >
          {exporter.exporting ? '正在生成…' : '导出 Excel'}
        </Button>
      </View>
      {rows.length === 0 ? (
        <View className="card">
          <Empty text="没有符合条件的租约。" />
        </View>
      ) : null}
      {rows.map((r) => (
        <View className={`card${r.overdue ? ' overdue' : ''}`} key={r.leaseId} id={`renewal-${r.leaseId}`}>
          <View className="row">
            <Text className="value">
              {r.projectName} {r.unitLabel} · {r.householdName}
            </Text>
            <Text className="tag">{r.statusLabel}</Text>
          </View>
          <Text className="muted" style={{ display: 'block' }}>
            租期届满 {r.endDate}，申请期限 {r.dueBy}，现月租 {formatFen(r.monthlyRentFen)}
            {r.overdue ? '（已逾期）' : ''}
          </Text>
          {r.eligible === false ? (
            <Text className="overdue-text" style={{ display: 'block' }}>
              复核不符合条件：{r.reasons.join('；')}
            </Text>
          ) : r.eligible ? (
            <Text className="muted" style={{ display: 'block' }}>
              复核符合保障条件
            </Text>
          ) : null}
          {r.newStartDate ? (
            <Text className="muted" style={{ display: 'block' }}>
              新租期 {r.newStartDate} 至 {r.newEndDate}，月租 {formatFen(r.newMonthlyRentFen ?? 0)}
            </Text>
          ) : null}
          {r.status === 'submitted' ? (
            <View>
              <Input
                className="field"
                id={`renewal-reason-${r.leaseId}`}
                placeholder="理由（不予续租时必填）"
                value={reasons[r.leaseId] ?? ''}
                onInput={(e) => setReasons({ ...reasons, [r.leaseId]: e.detail.value })}
              />
              <Button
                className="btn"
                id={`renewal-approve-${r.leaseId}`}
                onClick={() => void decide(r, true)}
              >
                同意续租
              </Button>
              <Button
                className="btn-plain"
                id={`renewal-refuse-${r.leaseId}`}
                onClick={() => void decide(r, false)}
              >
                不予续租
              </Button>
            </View>
          ) : null}
          {r.status === 'refused' || (r.status === 'not_applied' && r.overdue) ? (
            <Button
              className="btn-plain"
              id={`renewal-exit-${r.leaseId}`}
              onClick={() =>
                void Taro.navigateTo({
                  url: `/pages/exit-cases/index?leaseId=${r.leaseId}&trigger=${
                    r.status === 'refused'
                      ? r.eligible === false
                        ? 'no_longer_eligible'
                        : 'renewal_refused'
                      : 'expired_without_renewal'
                  }`,
                })
              }
            >
              启动退出程序
            </Button>
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
