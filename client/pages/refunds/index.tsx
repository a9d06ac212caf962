import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RefundCandidate, RefundView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen, parseYuan } from '../../utils/format';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { Button, Cell, CellGroup } from '../../components/nut';
import { periodLabel } from '../../utils/period';
import { NumberField } from '../../components/number-field';

function refundTone(r: RefundView): StatusTone {
  if (r.status === 'success') return 'ok';
  if (r.problem || r.status === 'abnormal' || r.status === 'closed' || r.status === 'refused') return 'bad';
  return 'warn';
}

/**
 * 微信支付退款 (housing office, project managers): bills paid through WeChat Pay with money to give back
 * (多缴待退), each refunded to the payer with a confirmation; and every refund with its status, which can be
 * asked of WeChat Pay again. The exit procedure's settlements appear in the same list.
 */
export default function RefundsPage() {
  const { data, error, reload } = useLoad(async () => ({
    candidates: await callFunction('billing', 'refundCandidates', {}),
    refunds: await callFunction('billing', 'refunds', {}),
  }));
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  // Each amount's problem under its own field (issue #19), keyed by bill.
  const [amountErrors, setAmountErrors] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const refund = async (c: RefundCandidate) => {
    const left = Math.min(c.toRefundFen - c.pendingFen, c.orderRefundableFen);
    const typed = amounts[c.billId];
    const fen = typed === undefined || typed.trim() === '' ? left : parseYuan(typed);
    const problem =
      fen === null || fen <= 0
        ? '请输入退款金额（元，最多两位小数）。'
        : fen > left
          ? `最多可退 ${formatFen(left)}。`
          : null;
    setAmountErrors((e) => ({ ...e, [c.billId]: problem ?? '' }));
    setRowErrors((e) => ({ ...e, [c.billId]: '' }));
    if (problem || fen === null) return;
    if (
      !(await confirm(
        '确认退款',
        `将 ${formatFen(fen)} 原路退回 ${c.householdName}（${c.unitLabel}，${periodLabel(c.period)}多缴）的微信支付账户。退款提交后不能撤回。`,
      ))
    )
      return;
    setBusy(c.billId);
    try {
      const r = await callFunction('billing', 'refund', {
        orderId: c.orderId,
        billId: c.billId,
        amountFen: fen,
        kind: 'overpayment',
        // One refund per overpaid bill and amount: asking again (a double tap, a lost answer) is the same refund.
        sourceRef: `over-${c.billId}-${fen}`.slice(0, 64),
        note: '多缴租金退还',
      });
      toast(r.statusLabel, 'success');
      await reload();
    } catch (err) {
      setRowErrors((e) => ({ ...e, [c.billId]: errorText(err) }));
    } finally {
      setBusy(null);
    }
  };

  const refresh = async (r: RefundView) => {
    setBusy(r.refundNo);
    try {
      const v = await callFunction('billing', 'refundStatus', { refundNo: r.refundNo });
      toast(v.statusLabel);
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  return (
    <Screen id="refunds" title="微信支付退款">
      <View className="card" id="refund-candidates">
        <Text className="card-title">多缴待退</Text>
        {data.candidates.length === 0 ? <Empty text="没有需要退还的微信支付多缴款。" /> : null}
        {data.candidates.map((c) => {
          const left = Math.min(c.toRefundFen - c.pendingFen, c.orderRefundableFen);
          const amountError = amountErrors[c.billId];
          const rowError = rowErrors[c.billId];
          return (
            <View className="timeline-item" key={c.billId} id={`candidate-${c.billId}`}>
              <CellGroup>
                <Cell
                  title={`${c.householdName} · ${c.unitLabel}`}
                  description={`${c.projectName} · ${periodLabel(c.period)}`}
                  extra={`应退 ${formatFen(c.toRefundFen)}`}
                />
                {c.pendingFen > 0 ? <Cell title="退款中" extra={formatFen(c.pendingFen)} /> : null}
              </CellGroup>
              {left > 0 ? (
                <>
                  <Text className="label" id={`refund-amount-label-${c.billId}`}>
                    退款金额
                  </Text>
                  <NumberField
                    id={`refund-amount-${c.billId}`}
                    label="退款金额"
                    unit="元"
                    decimals
                    placeholder={`不填则退 ${(left / 100).toFixed(2)} 元`}
                    value={amounts[c.billId] ?? ''}
                    error={amountError}
                    onChange={(text) => {
                      setAmounts({ ...amounts, [c.billId]: text });
                      setAmountErrors((x) => ({ ...x, [c.billId]: '' }));
                    }}
                  />
                  <Button
                    type="primary"
                    block
                    id={`refund-${c.billId}`}
                    disabled={busy !== null}
                    loading={busy === c.billId}
                    onClick={() => void refund(c)}
                  >
                    原路退款
                  </Button>
                  {rowError ? (
                    <Text className="error" id={`refund-error-${c.billId}`}>
                      {rowError}
                    </Text>
                  ) : null}
                </>
              ) : (
                <Text className="muted">退款已提交，等待微信支付处理。</Text>
              )}
            </View>
          );
        })}
      </View>
      <View className="card" id="refund-list">
        <Text className="card-title">退款记录</Text>
        {data.refunds.length === 0 ? <Empty text="还没有退款。" /> : null}
        {data.refunds.map((r) => (
          <View className="timeline-item" key={r.refundNo} id={`refund-row-${r.refundNo}`}>
            <CellGroup>
              <Cell
                title={`${r.householdName} · ${r.unitLabel}`}
                description={`${r.kindLabel} · ${periodLabel(r.period)} · 申请于 ${formatInstant(r.requestedAt)}`}
                extra={formatFen(r.amountFen)}
              />
            </CellGroup>
            <StatusTag
              id={`refund-status-${r.refundNo}`}
              tone={refundTone(r)}
              text={`${r.statusLabel}${r.succeededAt ? `（${formatInstant(r.succeededAt)}）` : ''}`}
            />
            {r.problem ? (
              <Text className="muted" style={{ display: 'block' }}>
                {r.problem}
              </Text>
            ) : null}
            {r.status === 'requested' || r.status === 'processing' || r.status === 'abnormal' ? (
              <Button
                fill="outline"
                type="primary"
                block
                id={`refund-refresh-${r.refundNo}`}
                disabled={busy !== null}
                loading={busy === r.refundNo}
                onClick={() => void refresh(r)}
              >
                {r.status === 'requested' ? '重新提交' : '查询退款结果'}
              </Button>
            ) : null}
          </View>
        ))}
      </View>
    </Screen>
  );
}
