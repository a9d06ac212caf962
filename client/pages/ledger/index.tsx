import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen, parseYuan } from '../../utils/format';
import { newRequestId } from '../../utils/photo';
import { confirm, errorText, formatInstant, notice, queryParam, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { BillStatus } from '../../components/status-tag';
import { periodLabel } from '../../utils/period';
import { CallTenant } from '../../components/call-tenant';
import { tabRole } from '../../utils/tabs';
import { ChoiceChips } from '../../components/choice-chips';
import { FieldError, TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

const KINDS = [
  ['payment', '线下收款'],
  ['adjustment', '调整'],
  ['waiver', '减免'],
  ['refund', '退款'],
] as const;

/** 租户台账: a lease's bills and every entry; managers record offline payments and adjustments with a reason. */
export default function LedgerPage() {
  const leaseId = queryParam('leaseId');
  const [billId, setBillId] = useState<string | null>(null);
  const [kind, setKind] = useState<(typeof KINDS)[number][0]>('payment');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ bill?: string; amount?: string; reason?: string }>({});

  const { data: d, error, reload: load } = useLoad(() => callFunction('billing', 'ledger', { leaseId }));

  const record = async () => {
    const fen = parseYuan(amount);
    const wrong = {
      ...(billId ? {} : { bill: '请先点选一张账单' }),
      ...(fen === null || fen === 0 ? { amount: '请输入金额（元，最多两位小数）' } : {}),
      ...(reason.trim() ? {} : { reason: '请填写原因' }),
    };
    setErrors(wrong);
    if (!billId || fen === null || fen === 0 || !reason.trim()) return;
    const label = KINDS.find((k) => k[0] === kind)?.[1] ?? '';
    if (
      !(await confirm(
        `确认${label}`,
        `${label} ${formatFen(fen)}，原因：${reason.trim()}。记录后将留档审计。`,
      ))
    )
      return;
    setBusy(true);
    try {
      const done = await callFunction('billing', 'recordEntry', {
        billId,
        kind,
        amountFen: fen,
        reason: reason.trim(),
        clientRequestId: requestId,
      });
      if (done.receipt)
        void notice(
          '已收款',
          `${formatFen(done.receipt.amountFen)}，收据编号 ${done.receipt.receiptNo ?? ''}。租户可在“缴费记录”中查看电子收据。`,
        );
      else toast('已记录', 'success');
      setAmount('');
      setReason('');
      setRequestId(newRequestId());
      await load();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!d) return <Loading />;
  return (
    <Screen
      id="ledger"
      title="租户台账"
      bottom={
        <NutButton type="primary" size="large" id="record" loading={busy} onClick={() => void record()}>
          记录
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">
          {d.householdName} · {d.projectName} {d.unitLabel}
        </Text>
        <View className="row">
          <Text className="label">欠缴合计</Text>
          <Text className={d.balanceFen > 0 ? 'value overdue-text' : 'value'} id="ledger-balance">
            {formatFen(d.balanceFen)}
          </Text>
        </View>
        {d.refundDueFen > 0 ? (
          <View className="row" id="ledger-refund-due">
            <Text className="label">多缴待退</Text>
            <Text className="value overdue-text">{formatFen(d.refundDueFen)}</Text>
          </View>
        ) : null}
        <View className="row">
          <Text className="label">逾期月数</Text>
          <Text className="value">{d.monthsOverdue}</Text>
        </View>
        {d.bills.some((b) => b.overdue) && tabRole() === 'manager' ? (
          <CallTenant id="call-tenant" of={{ leaseId }} />
        ) : null}
        {tabRole() === 'admin' ? (
          // 乌兰察布 第三十七条: a tenancy obtained with false material — the office opens an exit case on it.
          <View className="row">
            <NutButton
              type="danger"
              fill="outline"
              size="small"
              className="action-button"
              id="ledger-false-material"
              onClick={() =>
                void Taro.navigateTo({
                  url: `/pages/exit-cases/index?leaseId=${leaseId}&trigger=false_information`,
                })
              }
            >
              发现虚假材料
            </NutButton>
          </View>
        ) : null}
      </View>
      <View className="card" id="ledger-bills">
        <Text className="card-title" id="ledger-bills-title">
          账单
        </Text>
        {/* A table for the screen reader: each amount is read with its column's heading, which shows too. */}
        <View role="table" aria-labelledby="ledger-bills-title">
          <View className="table-head" role="row" id="ledger-bills-head">
            <View className="cell" role="columnheader">
              月份
            </View>
            <View className="cell" role="columnheader">
              应收
            </View>
            <View className="cell" role="columnheader">
              欠缴
            </View>
            <View className="cell" role="columnheader">
              状态
            </View>
          </View>
          {d.bills.map((b) => (
            <View
              className={billId === b.id ? 'table-row picked' : 'table-row'}
              role="row"
              key={b.id}
              id={`ledger-bill-${b.id}`}
              aria-selected={billId === b.id}
              {...pressable()}
              onClick={() => setBillId(b.id)}
            >
              <View className="cell" role="rowheader">
                {periodLabel(b.period)}
              </View>
              <View className="cell" role="cell">
                {formatFen(b.chargedFen)}
              </View>
              <View className={b.overdue ? 'cell overdue-text' : 'cell'} role="cell">
                {formatFen(b.balanceFen)}
              </View>
              <View className="cell" role="cell">
                <BillStatus bill={b} />
              </View>
            </View>
          ))}
        </View>
      </View>
      <View className="card" id="record-entry">
        <Text className="card-title">
          记账
          {billId
            ? `（${periodLabel(d.bills.find((b) => b.id === billId)?.period ?? '')}）`
            : '（先点选账单）'}
        </Text>
        <FieldError id="entry-bill" error={errors.bill} />
        <ChoiceChips
          label="记账类型"
          options={KINDS}
          value={kind}
          onChange={setKind}
          idOf={(k) => `kind-${k}`}
        />
        {/* Not a NumberField: an adjustment may be negative, and the digit keyboard has no minus sign. */}
        <TextField
          id="entry-amount"
          label="金额（元）"
          required
          type={kind === 'adjustment' ? 'text' : 'digit'}
          hint={kind === 'adjustment' ? '减少应收填负数，例如 -50' : undefined}
          maxLength={16}
          value={amount}
          placeholder="例如 500"
          error={errors.amount}
          onChange={(text) => {
            setAmount(text);
            setErrors((e) => ({ ...e, amount: undefined }));
          }}
        />
        <TextField
          id="entry-reason"
          label="原因"
          required
          maxLength={200}
          value={reason}
          placeholder="例如：现金缴纳"
          error={errors.reason}
          onChange={(text) => {
            setReason(text);
            setErrors((e) => ({ ...e, reason: undefined }));
          }}
        />
      </View>
      <View className="card" id="ledger-entries">
        <Text className="card-title">账目明细</Text>
        {d.entries.map((e) => (
          <View className="row" key={e.id}>
            <Text className="label">
              {formatInstant(e.at)} {periodLabel(e.period)} {e.kindLabel}
              {e.reason ? ` · ${e.reason}` : ''}
              {e.receiptNo ? ` · 收据 ${e.receiptNo}` : ''}
            </Text>
            <Text className="value">{formatFen(e.deltaFen)}</Text>
          </View>
        ))}
      </View>
    </Screen>
  );
}
