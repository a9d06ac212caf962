import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { MyRegistration, UnitView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { confirm, errorText, formatInstant, notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Countdown } from '../../components/countdown';
import { Button as NutButton } from '../../components/nut';
import { pressable } from '../../components/keyboard';

const POLL_MS = 3000;

/**
 * 选房: units still free (refreshed every 3 s, so units others take disappear without a reload), a unit's
 * details on the first tap and a confirmation on the second; waiving asks first and says what it means.
 */
export default function Select() {
  const roundId = queryParam('roundId');
  const [units, setUnits] = useState<UnitView[] | null>(null);
  const [mine, setMine] = useState<MyRegistration | null>(null);
  const [picked, setPicked] = useState<UnitView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [list, regs] = await Promise.all([
        callFunction('allocation', 'availableUnits', { roundId }),
        callFunction('allocation', 'myRegistrations', {}),
      ]);
      setUnits(list);
      setMine(regs.find((r) => r.roundId === roundId) ?? null);
      setPicked((p) => (p && !list.some((u) => u.id === p.id) ? null : p));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [roundId]);

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useDidShow(() => {
    void refresh();
    stop();
    timer.current = setInterval(() => void refresh(), POLL_MS);
  });
  useDidHide(stop);
  useUnload(stop);

  const choose = async () => {
    if (!picked) return;
    if (
      !(await confirm(
        '确认选房',
        `确认选择 ${picked.label}（${picked.areaM2} ㎡，月租金 ${formatFen(picked.monthlyRentFen)}）？确认后不能更改。`,
        '确认选择',
      ))
    )
      return;
    setBusy(true);
    try {
      const reg = await callFunction('allocation', 'selectUnit', { roundId, unitId: picked.id });
      stop();
      toast(`已选定 ${reg.unit?.label ?? ''}`, 'success');
      await Taro.redirectTo({ url: `/pages/round/index?id=${roundId}` });
    } catch (err) {
      void notice('选房未成功', errorText(err));
      void refresh();
    } finally {
      setBusy(false);
    }
  };

  const waive = async () => {
    const ok = await confirm(
      '放弃选房',
      '放弃后本轮不能再选房，您的顺位由后一位依次递补；放弃记录将存档。确定放弃吗？',
      '确定放弃',
    );
    if (!ok) return;
    try {
      await callFunction('allocation', 'waive', { roundId });
      stop();
      await Taro.redirectTo({ url: `/pages/round/index?id=${roundId}` });
    } catch (err) {
      void notice('操作未成功', errorText(err));
    }
  };

  if (error && !units) return <ErrorState message={error} onRetry={() => void refresh()} />;
  if (!units) return <Loading />;
  return (
    <Screen
      id="select"
      title="在线选房"
      bottom={
        <>
          {mine?.window ? <Countdown until={mine.window.closesAt} serverNow={mine.window.serverNow} /> : null}
          <NutButton
            type="primary"
            size="large"
            id="confirm-select"
            loading={busy}
            disabled={!picked}
            onClick={() => void choose()}
          >
            {picked ? `确认选择 ${picked.label}` : '请先点选一套房源'}
          </NutButton>
        </>
      }
    >
      <View className="card">
        <Text className="card-title">我的选房时段</Text>
        {mine?.window ? (
          <Text id="my-window">
            第 {mine.window.turn} 位：{formatInstant(mine.window.opensAt)} 至{' '}
            {formatInstant(mine.window.closesAt)}
          </Text>
        ) : (
          <Text className="muted">暂无选房时段。</Text>
        )}
        {error ? <Text className="error">{error}</Text> : null}
      </View>
      {units.length === 0 ? <Empty text="本轮已无可选房源。" /> : null}
      {units.map((u) => (
        <View
          className={picked?.id === u.id ? 'card unit-card picked' : 'card unit-card'}
          key={u.id}
          id={`unit-${u.id}`}
          role="radio"
          aria-checked={picked?.id === u.id}
          {...pressable()}
          onClick={() => setPicked(u)}
        >
          <Text className="card-title">
            {picked?.id === u.id ? '✓ 已点选 · ' : ''}
            {u.label}
          </Text>
          <View className="row">
            <Text className="label">
              {u.layout} · {u.orientation} · {u.floor} 层
            </Text>
            <Text className="value">{u.areaM2.toFixed(2)} ㎡</Text>
          </View>
          <View className="row">
            <Text className="label">月租金（市场租金 {formatFen(u.marketRentFen)}）</Text>
            <Text className="value">{formatFen(u.monthlyRentFen)}</Text>
          </View>
        </View>
      ))}
      <NutButton
        type="primary"
        fill="outline"
        block
        className="action-button"
        id="waive"
        onClick={() => void waive()}
      >
        放弃本轮选房
      </NutButton>
    </Screen>
  );
}
