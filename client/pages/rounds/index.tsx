import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MyRegistration, OfferView, RoundSummary } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { confirm, errorText, formatInstant } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';
import { pressable } from '../../components/keyboard';

/** 配租公告: every announced round, and where the caller stands in each. */
export default function Rounds() {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [mine, setMine] = useState<MyRegistration[]>([]);
  const [offers, setOffers] = useState<OfferView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [r, m, o] = await Promise.all([
        callFunction('allocation', 'listRounds', {}),
        callFunction('allocation', 'myRegistrations', {}),
        callFunction('allocation', 'myOffers', {}),
      ]);
      setRounds(r);
      setMine(m);
      setOffers(o);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());

  const respond = async (o: OfferView, accept: boolean) => {
    const ok = await confirm(
      accept ? '接受配租' : '放弃配租',
      accept
        ? `接受 ${o.unit.label}（月租金 ${formatFen(o.unit.monthlyRentFen)}）？接受后请在线阅读并签订租赁合同。`
        : '放弃后该房源将邀约下一位轮候家庭，您仍在轮候名单中。确定放弃吗？',
    );
    if (!ok) return;
    try {
      await callFunction('allocation', 'respondOffer', { offerId: o.id, accept });
      await load();
      // An accepted offer is signed online, like a round's lease.
      if (accept) void Taro.navigateTo({ url: '/pages/lease-contract/index' });
    } catch (err) {
      setError(errorText(err));
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!rounds) return <Loading />;
  return (
    <Screen id="rounds" title="配租公告" tab="rounds">
      {offers.map((o) => (
        <View className="card" key={o.id} id={`offer-${o.id}`}>
          <Text className="card-title">空置房源配租邀约</Text>
          <StatusTag
            tone={o.status === 'offered' ? 'warn' : o.status === 'accepted' ? 'ok' : 'info'}
            text={o.statusLabel}
          />
          <View className="row">
            <Text className="label">房源</Text>
            <Text className="value">
              {o.projectName} {o.unit.label}（{o.unit.areaM2} ㎡）
            </Text>
          </View>
          <View className="row">
            <Text className="label">月租金</Text>
            <Text className="value">{formatFen(o.unit.monthlyRentFen)}</Text>
          </View>
          <View className="row">
            <Text className="label">答复期限</Text>
            <Text className="value">{formatInstant(o.deadline)}</Text>
          </View>
          {o.status === 'offered' ? (
            <View>
              <NutButton type="primary" className="action-button" block onClick={() => void respond(o, true)}>
                接受
              </NutButton>
              <NutButton
                type="primary"
                fill="outline"
                className="action-button"
                block
                onClick={() => void respond(o, false)}
              >
                放弃
              </NutButton>
            </View>
          ) : null}
          {o.status === 'accepted' ? (
            <NutButton
              type="primary"
              className="action-button"
              block
              id={`offer-sign-${o.id}`}
              onClick={() => void Taro.navigateTo({ url: '/pages/lease-contract/index' })}
            >
              在线签订租赁合同
            </NutButton>
          ) : null}
        </View>
      ))}
      {rounds.length === 0 ? <Empty text="暂无配租公告。新的公告发布后会显示在这里。" /> : null}
      {rounds.map((r) => {
        const my = mine.find((m) => m.roundId === r.id);
        return (
          <View
            className="card round-card"
            key={r.id}
            id={`round-${r.id}`}
            role="link"
            aria-label={`${r.title}，查看详情`}
            {...pressable()}
            onClick={() => void Taro.navigateTo({ url: `/pages/round/index?id=${r.id}` })}
          >
            <Text className="card-title">{r.title}</Text>
            <View>
              <StatusTag tone="info" text={r.statusLabel} />
              {my ? <StatusTag tone="ok" text={`我：${my.statusLabel}`} /> : null}
            </View>
            <View className="row">
              <Text className="label">项目</Text>
              <Text className="value">{r.projectName}</Text>
            </View>
            <View className="row">
              <Text className="label">报名截止</Text>
              <Text className="value">{formatInstant(r.registrationClosesAt)}</Text>
            </View>
            <View className="row">
              <Text className="label">已报名</Text>
              <Text className="value">{r.registrations} 户</Text>
            </View>
          </View>
        );
      })}
    </Screen>
  );
}
