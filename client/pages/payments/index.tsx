import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { formatInstant, queryParam } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { pressable } from '../../components/keyboard';

/**
 * 缴费记录: the household's payments, WeChat Pay and at the counter, newest first; a paid one shows its receipt,
 * the same receipt for both (the one just paid opens).
 */
export default function Payments() {
  const highlight = queryParam('orderId');
  const [open, setOpen] = useState<string | null>(highlight || null);
  const { data: list, error, reload } = useLoad(() => callFunction('billing', 'myPayments', {}));
  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!list) return <Loading />;
  return (
    <Screen id="payments" title="缴费记录">
      {highlight && list.some((p) => p.orderId === highlight && p.status === 'paid') ? (
        <View className="card" id="pay-success">
          <Text className="success-mark">✓ 缴费成功</Text>
          <Text className="muted" style={{ display: 'block', textAlign: 'center' }}>
            收据已保存在下方，可随时在“缴费记录”中查看。
          </Text>
        </View>
      ) : null}
      {list.length === 0 ? (
        <View className="card">
          <Empty text="还没有缴费记录。" />
        </View>
      ) : null}
      {list.map((p) => (
        <View
          className="card"
          key={p.orderId}
          id={`payment-${p.orderId}`}
          role="button"
          aria-expanded={open === p.orderId}
          {...pressable()}
          onClick={() => setOpen(p.orderId)}
        >
          <View className="row">
            <Text className="value">{formatFen(p.amountFen)}</Text>
            <StatusTag tone={p.status === 'paid' ? 'ok' : 'warn'} text={p.statusLabel} />
          </View>
          <Text className="muted">
            {p.bills.map((b) => `${b.period} 月`).join('、')} · {p.methodLabel} ·{' '}
            {formatInstant(p.paidAt ?? p.createdAt)}
          </Text>
          {open === p.orderId && p.status === 'paid' ? (
            <View className="receipt" id={`receipt-${p.orderId}`}>
              <Text className="receipt-heading">租金缴费收据</Text>
              <Text className="card-title">电子收据</Text>
              <View className="row">
                <Text className="label">收据编号</Text>
                <Text className="value receipt-no">{p.receiptNo}</Text>
              </View>
              <View className="row">
                <Text className="label">缴费方式</Text>
                <Text className="value">{p.methodLabel}</Text>
              </View>
              {p.method === 'wechat' ? (
                <View>
                  <View className="row">
                    <Text className="label">微信支付单号</Text>
                    <Text className="value">{p.transactionId}</Text>
                  </View>
                  <View className="row">
                    <Text className="label">商户订单号</Text>
                    <Text className="value">{p.orderId}</Text>
                  </View>
                </View>
              ) : (
                <View className="row">
                  <Text className="label">备注</Text>
                  <Text className="value">{p.note}</Text>
                </View>
              )}
              {p.bills.map((b) => (
                <View className="row" key={b.billId}>
                  <Text className="label">{b.period} 月租金</Text>
                  <Text className="value">{formatFen(b.amountFen)}</Text>
                </View>
              ))}
              <View className="row">
                <Text className="label">支付时间</Text>
                <Text className="value">{p.paidAt ? formatInstant(p.paidAt) : ''}</Text>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
