import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MyRegistration, RoundSummary } from '@shared/contracts';
import { HOUSEHOLD_CATEGORY_LABELS } from '@shared/rules/household';
import { EligibilityPreview } from '../../components/eligibility-preview';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import { confirm, errorText, formatInstant, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { HowToVerify } from '../../components/how-to-verify';

/** One round: the announcement, registration, my lottery result and how to verify it. */
export default function Round() {
  const id = queryParam('id');
  const [round, setRound] = useState<RoundSummary | null>(null);
  const [mine, setMine] = useState<MyRegistration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [objection, setObjection] = useState('');

  const load = useCallback(async () => {
    setError(null);
    try {
      const [rounds, regs] = await Promise.all([
        callFunction('allocation', 'listRounds', {}),
        callFunction('allocation', 'myRegistrations', {}),
      ]);
      const r = rounds.find((x) => x.id === id);
      if (!r) throw new Error('未找到该配租公告。');
      setRound(r);
      setMine(regs.find((x) => x.roundId === id) ?? null);
    } catch (err) {
      setError(err instanceof Error && !('code' in err) ? err.message : errorText(err));
    }
  }, [id]);
  useDidShow(() => void load());

  const register = async () => {
    if (!round) return;
    if (
      !(await confirm('确认报名', `报名“${round.title}”。资格将按您登记的家庭信息核验，摇号结果公开可验证。`))
    )
      return;
    setBusy(true);
    try {
      setMine(await callFunction('allocation', 'register', { roundId: round.id }));
      toast('报名成功', 'success');
    } catch (err) {
      setError(null);
      void Taro.showModal({ title: '无法报名', content: errorText(err), showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  const object = async () => {
    if (!round || !objection.trim()) return;
    if (!(await confirm('提交异议', '异议将提交住房保障部门核查并存档。确定提交吗？'))) return;
    try {
      await callFunction('allocation', 'fileObjection', { roundId: round.id, text: objection.trim() });
      setObjection('');
      toast('异议已提交', 'success');
    } catch (err) {
      void Taro.showModal({ title: '提交未成功', content: errorText(err), showCancel: false });
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!round) return <Loading />;
  const now = new Date().toISOString();
  const canRegister =
    round.status === 'announced' && now >= round.registrationOpensAt && now <= round.registrationClosesAt;
  return (
    <Screen id="round-detail" title="配租详情">
      {mine ? <SubscribePrompt moment="round_registered" /> : null}
      <View className="card">
        <Text className="card-title">{round.title}</Text>
        <Text className="tag">{round.statusLabel}</Text>
        <Text className="muted" style={{ display: 'block', margin: '12px 0' }}>
          {round.description}
        </Text>
        <View className="row">
          <Text className="label">项目</Text>
          <Text className="value">{round.projectName}</Text>
        </View>
        <View className="row">
          <Text className="label">报名时间</Text>
          <Text className="value">
            {formatInstant(round.registrationOpensAt)} 至 {formatInstant(round.registrationClosesAt)}
          </Text>
        </View>
        <View className="row">
          <Text className="label">面向</Text>
          <Text className="value">
            {round.eligibleCategories.map((c) => HOUSEHOLD_CATEGORY_LABELS[c]).join('、')}
          </Text>
        </View>
        <Text className="muted" style={{ display: 'block' }}>
          摇号结果可由任何人核验，方法见“我的报名”中的“如何核验”。
        </Text>
      </View>

      {round.status === 'publicized' ? (
        <View className="card" id="objection">
          <Text className="card-title">结果公示中（至 {round.noticeEndsOn}）</Text>
          <Text className="muted">对摇号、选房结果有异议的，可在公示期内提出。</Text>
          <Text
            className="link"
            id="go-round-notice"
            onClick={() => void Taro.navigateTo({ url: `/pages/round-notice/index?id=${round.id}` })}
          >
            查看公示名单
          </Text>
          <Textarea
            className="field"
            placeholder="请写明异议内容"
            value={objection}
            onInput={(e) => setObjection(e.detail.value)}
          />
          <Button className="btn-plain" onClick={() => void object()}>
            提交异议
          </Button>
        </View>
      ) : null}

      {mine ? (
        <View className="card" id="my-registration">
          <Text className="card-title">我的报名</Text>
          <StatusTag tone="info" id="registration-status" text={mine.statusLabel} />
          <View className="row">
            <Text className="label">优先层级</Text>
            <Text className="value">{mine.tierLabel}</Text>
          </View>
          {mine.lottery ? (
            <View id="lottery-result">
              <View className="row">
                <Text className="label">层级内顺序</Text>
                <Text className="value" id="tier-rank">
                  第 {mine.lottery.tierRank} 位 / 共 {mine.lottery.tierTotal} 户
                </Text>
              </View>
              <View className="row">
                <Text className="label">总顺序</Text>
                <Text className="value">
                  第 {mine.lottery.overallRank} 位 / 共 {mine.lottery.total} 户
                </Text>
              </View>
              <HowToVerify>
                <Text className="muted" style={{ display: 'block', wordBreak: 'break-all' }}>
                  摇号前公布的种子承诺值（SHA-256）：{round.seedCommitment}
                </Text>
                <Text
                  className="muted"
                  style={{ display: 'block', wordBreak: 'break-all', marginTop: '12px' }}
                >
                  种子 {mine.lottery.seed}（其 SHA-256 应等于上面的承诺值），算法 {mine.lottery.algorithm}，
                  您的报名编号 {mine.id}。在电脑终端运行下列命令，结果应为 {mine.lottery.score}：
                </Text>
                <Text
                  className="muted"
                  id="verify-command"
                  style={{ display: 'block', wordBreak: 'break-all', fontFamily: 'monospace' }}
                >
                  {mine.lottery.verifyCommand}
                </Text>
              </HowToVerify>
            </View>
          ) : (
            <Text className="muted">摇号后将在此显示您的顺序和核验方法。</Text>
          )}
          {mine.window && mine.status === 'ranked' ? (
            <View className="row">
              <Text className="label">我的选房时段</Text>
              <Text className="value">
                {formatInstant(mine.window.opensAt)} 至 {formatInstant(mine.window.closesAt)}
              </Text>
            </View>
          ) : null}
          {round.status === 'selecting' && mine.status === 'ranked' ? (
            <Button
              className="btn"
              id="go-select"
              onClick={() => void Taro.navigateTo({ url: `/pages/select/index?roundId=${round.id}` })}
            >
              进入选房
            </Button>
          ) : null}
          {mine.unit ? (
            <View className="row">
              <Text className="label">已选房源</Text>
              <Text className="value" id="selected-unit">
                {mine.unit.label}（{mine.unit.areaM2} ㎡）
              </Text>
            </View>
          ) : null}
          {mine.status === 'selected' || mine.status === 'signed' ? (
            <Button
              className="btn"
              id="go-contract"
              onClick={() => void Taro.navigateTo({ url: `/pages/contract/index?registrationId=${mine.id}` })}
            >
              {mine.status === 'signed' ? '查看合同' : '签订合同'}
            </Button>
          ) : null}
        </View>
      ) : canRegister ? (
        <View>
          <EligibilityPreview categories={round.eligibleCategories} todayIso={now.slice(0, 10)} />
          <Button
            className="btn"
            id="register"
            loading={busy}
            disabled={busy}
            onClick={() => void register()}
          >
            我要报名
          </Button>
        </View>
      ) : (
        <View className="card">
          <Text className="muted">{round.status === 'announced' ? '不在报名时间内。' : '报名已截止。'}</Text>
        </View>
      )}
    </Screen>
  );
}
