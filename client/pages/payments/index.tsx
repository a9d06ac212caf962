import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { PaymentView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { errorText, formatInstant, queryParam } from '../../utils/ui';

/** 缴费记录: the household's payments, newest first; a paid one shows its receipt (the one just paid opens). */
export default function Payments() {
  const highlight = queryParam('orderId');
  const [list, setList] = useState<PaymentView[] | null>(null);
  const [open, setOpen] = useState<string | null>(highlight || null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setList(await callFunction('billing', 'myPayments', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());
  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!list) return <Loading />;
  return (
    <View className="page" id="payments">
      {list.length === 0 ? (
        <View className="card">
          <Empty text="还没有缴费记录。" />
        </View>
      ) : null}
      {list.map((p) => (
        <View className="card" key={p.orderId} id={`payment-${p.orderId}`} onClick={() => setOpen(p.orderId)}>
          <View className="row">
            <Text className="value">{formatFen(p.amountFen)}</Text>
            <Text className="tag">{p.statusLabel}</Text>
          </View>
          <Text className="muted">
            {p.bills.map((b) => `${b.period} 月`).join('、')} · {formatInstant(p.paidAt ?? p.createdAt)}
          </Text>
          {open === p.orderId && p.status === 'paid' ? (
            <View className="receipt" id={`receipt-${p.orderId}`}>
              <Text className="card-title">电子收据</Text>
              <View className="row">
                <Text className="label">收据编号</Text>
                <Text className="value receipt-no">{p.receiptNo}</Text>
              </View>
              <View className="row">
                <Text className="label">微信支付单号</Text>
                <Text className="value">{p.transactionId}</Text>
              </View>
              <View className="row">
                <Text className="label">商户订单号</Text>
                <Text className="value">{p.orderId}</Text>
              </View>
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
    </View>
  );
}
