import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionInput, RenewalRow } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate, formatFen } from '../../utils/format';
import { useExport } from '../../utils/use-export';
import { confirm, errorText, notice, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { TextField } from '../../components/text-field';

const TONES: Record<string, StatusTone> = {
  submitted: 'warn',
  not_applied: 'info',
  approved: 'ok',
  refused: 'bad',
};

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
  const [reasonErrors, setReasonErrors] = useState<Record<string, string>>({});
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
      setReasonErrors({ ...reasonErrors, [r.leaseId]: '请填写不予续租的理由。' });
      return;
    }
    const what = approve
      ? '同意续租，承租人将在线签订续租合同'
      : `不予续租，承租人应于 ${formatDate(r.endDate)} 租期届满时退房`;
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
      void notice('未能处理', errorText(err));
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
        <ChoiceChips<Status>
          label="续租状态"
          options={FILTERS}
          value={filter}
          onChange={(k) => {
            setFilter(k);
            void load(k);
          }}
          idOf={(k) => `renewal-filter-${k}`}
        />
        <NutButton fill="outline" block id="renewal-remind" onClick={() => void remind()}>
          提醒未申请续租的住户
        </NutButton>
        <NutButton
          fill="outline"
          block
          id="renewal-export"
          loading={exporter.exporting}
          onClick={() => void exporter.run()}
        >
          {exporter.exporting ? '正在生成…' : '导出 Excel'}
        </NutButton>
      </View>
      {rows.length === 0 ? (
        <View className="card">
          <Empty text="没有符合条件的租约。六个月内到期的租约会出现在这里。" />
        </View>
      ) : null}
      {rows.map((r) => (
        <View className={`card${r.overdue ? ' overdue' : ''}`} key={r.leaseId} id={`renewal-${r.leaseId}`}>
          <View className="row">
            <Text className="value">
              {r.projectName} {r.unitLabel} · {r.householdName}
            </Text>
            <StatusTag tone={TONES[r.status] ?? 'info'} text={r.statusLabel} />
          </View>
          <CellGroup>
            <Cell title="租期届满" extra={formatDate(r.endDate)} />
            <Cell title="申请期限" extra={`${formatDate(r.dueBy)}${r.overdue ? '（已逾期）' : ''}`} />
            <Cell title="现月租" extra={formatFen(r.monthlyRentFen)} />
          </CellGroup>
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
              新租期 {formatDate(r.newStartDate)} 至 {formatDate(r.newEndDate ?? '')}，月租{' '}
              {formatFen(r.newMonthlyRentFen ?? 0)}
            </Text>
          ) : null}
          {r.status === 'submitted' ? (
            <View>
              <TextField
                id={`renewal-reason-${r.leaseId}`}
                label="理由"
                hint="不予续租时必填，写明依据的条款。"
                maxLength={500}
                value={reasons[r.leaseId] ?? ''}
                placeholder="例如：家庭收入已超过保障标准"
                error={reasonErrors[r.leaseId]}
                onChange={(text) => {
                  setReasons({ ...reasons, [r.leaseId]: text });
                  setReasonErrors({ ...reasonErrors, [r.leaseId]: '' });
                }}
              />
              <NutButton
                type="primary"
                block
                id={`renewal-approve-${r.leaseId}`}
                onClick={() => void decide(r, true)}
              >
                同意续租
              </NutButton>
              <NutButton
                fill="outline"
                block
                id={`renewal-refuse-${r.leaseId}`}
                onClick={() => void decide(r, false)}
              >
                不予续租
              </NutButton>
            </View>
          ) : null}
          {r.status === 'refused' || (r.status === 'not_applied' && r.overdue) ? (
            <NutButton
              fill="outline"
              block
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
            </NutButton>
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
