import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BillView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { cancelPayment, payBills } from '../../services/pay';
import { formatDate, formatFen } from '../../utils/format';
import { newRequestId } from '../../utils/photo';
import { errorText, notice, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import { DialButton } from '../../components/dial-button';
import { Screen } from '../../components/screen';
import { CheckBox } from '../../components/check-box';
import { Button as NutButton } from '../../components/nut';
import { BillStatus } from '../../components/status-tag';
import { periodLabel } from '../../utils/period';
import { pressable } from '../../components/keyboard';

/**
 * 我的租金: the household's bills, open ones first and pre-selected, paid in one go with WeChat Pay; each
 * opens its breakdown. The request id stays while the selection does, so a retried tap makes no second order;
 * 取消 on the payment step closes that order (a new request id follows), and a bill held by an unfinished
 * order offers 取消这笔支付, so the bills can be paid again at once.
 */
export default function Bills() {
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);

  const {
    data: bills,
    error,
    reload: load,
  } = useLoad(async () => {
    const list = await callFunction('billing', 'myBills', {});
    setSelected(list.filter((b) => b.balanceFen > 0 && !b.pendingOrderId).map((b) => b.id));
    return list;
  });

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!bills) return <Loading />;
  const open = bills.filter((b) => b.balanceFen > 0);
  const settled = bills.filter((b) => b.balanceFen <= 0);
  const total = open.filter((b) => selected.includes(b.id)).reduce((a, b) => a + b.balanceFen, 0);
  const toggle = (id: string) => {
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
    setRequestId(newRequestId());
  };

  const pay = async () => {
    if (selected.length === 0) return toast('请选择要缴纳的账单');
    setBusy(true);
    try {
      const result = await payBills(selected, requestId);
      if (result?.status === 'paid') {
        toast('缴费成功', 'success');
        setRequestId(newRequestId());
        await Taro.navigateTo({ url: `/pages/payments/index?orderId=${result.orderId}` });
      } else if (result) {
        toast('支付结果确认中，请稍后在缴费记录中查看');
      } else {
        toast('已取消支付');
        setRequestId(newRequestId());
      }
      await load();
    } catch (err) {
      void notice('缴费未成功', errorText(err));
      await load();
    } finally {
      setBusy(false);
    }
  };

  const cancelOrder = async (orderId: string) => {
    setBusy(true);
    try {
      const result = await cancelPayment(orderId);
      toast(result?.status === 'paid' ? '这笔支付已成功' : '已取消这笔支付，可重新缴费');
      setRequestId(newRequestId());
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
      await load();
    }
  };

  const card = (b: BillView, selectable: boolean) => (
    <View className={`card bill-card${b.overdue ? ' overdue' : ''}`} key={b.id} id={`bill-${b.id}`}>
      <View className="row">
        <Text className="value">
          {selectable ? (
            <CheckBox
              id={`select-${b.id}`}
              checked={selected.includes(b.id)}
              label={`缴纳${periodLabel(b.period)}租金`}
              onChange={() => toggle(b.id)}
            />
          ) : null}
          {periodLabel(b.period)}租金
        </Text>
        <BillStatus bill={b} />
      </View>
      <View className="row">
        <Text className="label">{b.balanceFen > 0 ? '待缴' : '已缴'}</Text>
        <Text className={b.balanceFen > 0 ? 'value overdue-text' : 'value'}>
          {formatFen(b.balanceFen > 0 ? b.balanceFen : b.paidFen)}
        </Text>
      </View>
      {b.balanceFen < 0 ? (
        <View className="row">
          <Text className="label">多缴待退（将退还给您）</Text>
          <Text className="value">{formatFen(-b.balanceFen)}</Text>
        </View>
      ) : null}
      <View className="row">
        <Text className="muted">缴费截止 {formatDate(b.dueDate)}</Text>
        <Text
          className="link"
          id={`open-${b.id}`}
          // Taro types no `role` on Text/Image; Taro writes it on the element all the same.
          {...{ role: 'link' }}
          {...pressable()}
          onClick={() => void Taro.navigateTo({ url: `/pages/bill/index?id=${b.id}` })}
        >
          明细
        </Text>
      </View>
      {b.pendingOrderId ? (
        <View className="row">
          <Text className="muted">有一笔支付尚未完成</Text>
          <Text
            className="link"
            id={`cancel-${b.pendingOrderId}`}
            // Taro types no `role` on Text/Image; Taro writes it on the element all the same.
            {...{ role: 'button' }}
            {...pressable()}
            onClick={() => void cancelOrder(b.pendingOrderId as string)}
          >
            取消这笔支付
          </Text>
        </View>
      ) : null}
    </View>
  );

  return (
    <Screen
      id="bills"
      title="我的租金"
      tab="bills"
      bottom={
        <>
          <Text className="bottom-bar-note">合计 {formatFen(total)}</Text>
          <NutButton
            type="primary"
            size="large"
            id="pay"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => void pay()}
          >
            微信支付
          </NutButton>
        </>
      }
    >
      <SubscribePrompt moment="bills_opened" />
      <DialButton
        id="call-service"
        title="联系物业服务中心"
        load={() => callFunction('account', 'serviceContact', {})}
      />
      <View className="card">
        <Text className="card-title">待缴合计</Text>
        <Text className={total > 0 ? 'amount-due' : 'amount-ok'} id="pay-total">
          {formatFen(total)}
        </Text>
        <Text className="muted" style={{ display: 'block' }}>
          已选 {selected.length} 笔，共 {open.length} 笔未缴
        </Text>
        <NutButton
          type="primary"
          fill="outline"
          block
          id="go-payments"
          onClick={() => void Taro.navigateTo({ url: '/pages/payments/index' })}
        >
          缴费记录与收据
        </NutButton>
      </View>
      {bills.length === 0 ? (
        <View className="card">
          <Empty text="暂无租金账单。每月账单生成后会显示在这里。" />
        </View>
      ) : null}
      {open.map((b) => card(b, !b.pendingOrderId))}
      {settled.length > 0 ? <Text className="section-title">已缴清</Text> : null}
      {settled.map((b) => card(b, false))}
    </Screen>
  );
}
