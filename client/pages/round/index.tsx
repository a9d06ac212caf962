import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MyRegistration, RoundSummary } from '@shared/contracts';
import { HOUSEHOLD_CATEGORY_LABELS } from '@shared/rules/household';
import { EligibilityPreview } from '../../components/eligibility-preview';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import { confirm, errorText, formatInstant, notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { HowToVerify } from '../../components/how-to-verify';
import { TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

/** One round: the announcement, registration, my lottery result and how to verify it. */
export default function Round() {
  const id = queryParam('id');
  const [round, setRound] = useState<RoundSummary | null>(null);
  const [mine, setMine] = useState<MyRegistration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [objection, setObjection] = useState('');
  const [objectionError, setObjectionError] = useState<string | null>(null);

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
      void notice('无法报名', errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const object = async () => {
    if (!round) return;
    if (!objection.trim()) {
      setObjectionError('请写明异议内容。');
      return;
    }
    if (!(await confirm('提交异议', '异议将提交住房保障部门核查并存档。确定提交吗？'))) return;
    try {
      await callFunction('allocation', 'fileObjection', { roundId: round.id, text: objection.trim() });
      setObjection('');
      toast('异议已提交', 'success');
    } catch (err) {
      void notice('提交未成功', errorText(err));
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!round) return <Loading />;
  const now = new Date().toISOString();
  const canRegister =
    round.status === 'announced' && now >= round.registrationOpensAt && now <= round.registrationClosesAt;
  // The one main action of the screen, in the bottom bar: register, choose a unit, or sign.
  const go = (url: string) => () => void Taro.navigateTo({ url });
  const main = !mine
    ? canRegister
      ? { id: 'register', text: '我要报名', onClick: () => void register() }
      : null
    : round.status === 'selecting' && mine.status === 'ranked'
      ? { id: 'go-select', text: '进入选房', onClick: go(`/pages/select/index?roundId=${round.id}`) }
      : mine.status === 'selected' || mine.status === 'signed'
        ? {
            id: 'go-contract',
            text: mine.status === 'signed' ? '查看合同' : '签订合同',
            onClick: go(`/pages/contract/index?registrationId=${mine.id}`),
          }
        : null;
  return (
    <Screen
      id="round-detail"
      title="配租详情"
      bottom={
        main ? (
          <NutButton
            type="primary"
            size="large"
            id={main.id}
            loading={busy}
            disabled={busy}
            onClick={main.onClick}
          >
            {main.text}
          </NutButton>
        ) : undefined
      }
    >
      {mine ? <SubscribePrompt moment="round_registered" /> : null}
      <View className="card">
        <Text className="card-title">{round.title}</Text>
        <StatusTag tone="info" text={round.statusLabel} />
        <Text className="muted" style={{ display: 'block', margin: '12px 0' }}>
          {round.description}
        </Text>
        <View className="row row-keep-label">
          <Text className="label">项目</Text>
          <Text className="value">{round.projectName}</Text>
        </View>
        <View className="row row-keep-label">
          <Text className="label">报名时间</Text>
          <Text className="value">
            {formatInstant(round.registrationOpensAt)} 至 {formatInstant(round.registrationClosesAt)}
          </Text>
        </View>
        <View className="row row-keep-label">
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
          <View
            className="link"
            id="go-round-notice"
            role="link"
            {...pressable()}
            onClick={() => void Taro.navigateTo({ url: `/pages/round-notice/index?id=${round.id}` })}
          >
            查看公示名单
          </View>
          <TextField
            id="objection-text"
            label="异议内容"
            multiline
            maxLength={500}
            placeholder="请写明异议内容"
            value={objection}
            error={objectionError}
            onChange={(text) => {
              setObjection(text);
              setObjectionError(null);
            }}
          />
          <NutButton
            type="primary"
            fill="outline"
            className="action-button"
            block
            id="submit-objection"
            onClick={() => void object()}
          >
            提交异议
          </NutButton>
        </View>
      ) : null}

      {mine ? (
        <View className="card" id="my-registration">
          <Text className="card-title">我的报名</Text>
          <StatusTag tone="info" id="registration-status" text={mine.statusLabel} />
          <View className="row row-keep-label">
            <Text className="label">优先层级</Text>
            <Text className="value">{mine.tierLabel}</Text>
          </View>
          {mine.lottery ? (
            <View id="lottery-result">
              <View className="row row-keep-label">
                <Text className="label">层级内顺序</Text>
                <Text className="value" id="tier-rank">
                  第 {mine.lottery.tierRank} 位 / 共 {mine.lottery.tierTotal} 户
                </Text>
              </View>
              <View className="row row-keep-label">
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
            <View className="row row-keep-label">
              <Text className="label">我的选房时段</Text>
              <Text className="value">
                {formatInstant(mine.window.opensAt)} 至 {formatInstant(mine.window.closesAt)}
              </Text>
            </View>
          ) : null}
          {mine.unit ? (
            <View className="row row-keep-label">
              <Text className="label">已选房源</Text>
              <Text className="value" id="selected-unit">
                {mine.unit.label}（{mine.unit.areaM2} ㎡）
              </Text>
            </View>
          ) : null}
        </View>
      ) : canRegister ? (
        <View>
          <EligibilityPreview categories={round.eligibleCategories} todayIso={now.slice(0, 10)} />
        </View>
      ) : (
        <View className="card">
          <Text className="muted">{round.status === 'announced' ? '不在报名时间内。' : '报名已截止。'}</Text>
        </View>
      )}
    </Screen>
  );
}
