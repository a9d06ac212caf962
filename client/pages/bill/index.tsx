import { Text, View } from '@tarojs/components';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate, formatFen } from '../../utils/format';
import { formatInstant, queryParam } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';

/** 账单详情: how the rent was worked out (each line with its clause) and every ledger entry. */
export default function Bill() {
  const id = queryParam('id');
  const { data: d, error, reload } = useLoad(() => callFunction('billing', 'billDetail', { billId: id }));
  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!d) return <Loading />;
  const b = d.bill;
  return (
    <Screen id="bill-detail" title="账单详情">
      <View className="card">
        <Text className="card-title">
          {b.period} 月租金 · {b.statusLabel}
        </Text>
        <View className="row">
          <Text className="label">房屋</Text>
          <Text className="value">
            {b.projectName} {b.unitLabel}
          </Text>
        </View>
        <View className="row">
          <Text className="label">缴费截止</Text>
          <Text className={b.overdue ? 'value overdue-text' : 'value'}>
            {formatDate(b.dueDate)}
            {b.overdue ? '（已逾期）' : ''}
          </Text>
        </View>
        <View className="row">
          <Text className="label">待缴</Text>
          <Text className="value" id="bill-balance">
            {formatFen(b.balanceFen)}
          </Text>
        </View>
      </View>
      <View className="card" id="bill-lines">
        <Text className="card-title">租金构成</Text>
        {b.lines.map((l, i) => (
          <View key={i}>
            <View className="row">
              <Text className="label">{l.label}</Text>
              <Text className="value">{formatFen(l.amountFen)}</Text>
            </View>
            {l.clause ? <Text className="muted">依据：{l.clause}</Text> : null}
          </View>
        ))}
        <View className="row">
          <Text className="value">应缴合计</Text>
          <Text className="value">{formatFen(b.chargedFen)}</Text>
        </View>
      </View>
      <View className="card" id="bill-entries">
        <Text className="card-title">账目</Text>
        {d.entries.map((e) => (
          <View className="row" key={e.id}>
            <Text className="label">
              {formatInstant(e.at)} {e.kindLabel}
              {e.method ? ` · ${e.method}` : ''}
            </Text>
            <Text className="value">{formatFen(e.deltaFen)}</Text>
          </View>
        ))}
      </View>
    </Screen>
  );
}
