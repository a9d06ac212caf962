import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RepairCard } from '../../components/repair-card';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';

/** 报修与求助 (武昌调研报告 二(一)二): the tenant's requests, newest first, and the two ways to file one. */
export default function Repairs() {
  const { data: list, error, reload } = useLoad(() => callFunction('repair', 'mine', {}));

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!list) return <Loading />;
  return (
    <Screen id="repairs" title="报修与求助" tab="repairs">
      <View className="card">
        <NutButton
          type="primary"
          block
          id="new-repair"
          onClick={() => void Taro.navigateTo({ url: '/pages/repair-new/index?kind=repair' })}
        >
          我要报修
        </NutButton>
        <NutButton
          type="primary"
          fill="outline"
          block
          id="new-help"
          onClick={() => void Taro.navigateTo({ url: '/pages/repair-new/index?kind=help' })}
        >
          困难求助
        </NutButton>
        <Text className="muted" style={{ display: 'block', marginTop: '12px' }}>
          遇到燃气泄漏、火情等危险，请先拨打 119 或燃气抢修电话，再在此报修。
        </Text>
      </View>
      {list.length === 0 ? (
        <View className="card">
          <Empty text="您还没有报修或求助记录。" />
        </View>
      ) : (
        list.map((r) => <RepairCard key={r.id} r={r} />)
      )}
    </Screen>
  );
}
