import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ExitCaseView } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatFen } from '../../utils/format';
import { confirm, errorText, formatInstant, notice, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { exitStateTone } from '../../utils/exit-state';
import { TextField } from '../../components/text-field';

/**
 * 退出程序通知 (乌兰察布 第三十三条): the household's own exit cases — the written notice with its reasons and
 * clause, the period to answer, the statement form while it may make one, the decision, the move-out day and
 * the settlement.
 */
export default function MyExitPage() {
  const [cases, setCases] = useState<ExitCaseView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [textError, setTextError] = useState('');
  const load = useCallback(async () => {
    try {
      setCases(await callFunction('allocation', 'myExitCases', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());

  const state = async (c: ExitCaseView) => {
    if (!text.trim()) {
      setTextError('请填写陈述内容：您的意见、理由或特殊情况。');
      return;
    }
    setTextError('');
    if (!(await confirm('提交陈述', '陈述提交后将由住房保障部门审阅，确定提交吗？'))) return;
    setBusy(true);
    try {
      await callFunction('allocation', 'exitStatement', { caseId: c.id, text: text.trim() });
      toast('已提交', 'success');
      setText('');
      await load();
    } catch (err) {
      void notice('未能提交', errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error && !cases) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!cases) return <Loading />;
  const answering = cases.find((c) => c.nextSteps.includes('statement')) ?? null;
  return (
    <Screen
      id="my-exit"
      title="退出程序通知"
      bottom={
        answering ? (
          <Button
            type="primary"
            size="large"
            block
            id="my-exit-submit"
            loading={busy}
            onClick={() => void state(answering)}
          >
            提交陈述
          </Button>
        ) : undefined
      }
    >
      {cases.length === 0 ? (
        <View className="card">
          <Empty text="您没有退出程序的通知。" />
        </View>
      ) : null}
      {cases.map((c) => (
        <View className={`card${c.deadline.overdue ? ' overdue' : ''}`} key={c.id} id={`my-exit-${c.id}`}>
          <View className="row">
            <Text className="value">
              {c.projectName} {c.unitLabel}
            </Text>
            <StatusTag id="my-exit-state" tone={exitStateTone(c)} text={c.stateLabel} />
          </View>
          <Text className="muted" style={{ display: 'block' }}>
            情形：{c.triggerLabel}（{c.clause}）
          </Text>
          {c.noticeText ? (
            <Text className="value" style={{ display: 'block', whiteSpace: 'pre-wrap' }} id="my-exit-notice">
              {c.noticeText}
            </Text>
          ) : null}
          {c.deadline.awaiting && c.deadline.dueOn ? (
            <Text className={c.deadline.overdue ? 'overdue-text' : 'muted'} style={{ display: 'block' }}>
              {c.deadline.awaiting}，期限 {c.deadline.dueOn}
              {c.deadline.overdue ? '（已逾期）' : ''}
            </Text>
          ) : null}
          {c.statement ? (
            <Text className="muted" style={{ display: 'block' }}>
              您的陈述（{formatInstant(c.statement.at)}）：{c.statement.text}
            </Text>
          ) : null}
          {c.decisionReason ? (
            <Text className="value" style={{ display: 'block' }}>
              决定：{c.decisionReason}
              {c.moveOutBy ? `；请于 ${c.moveOutBy} 前退房` : ''}
            </Text>
          ) : null}
          {c.settlement ? (
            <Text className="value" style={{ display: 'block' }}>
              结算：应缴 {formatFen(c.settlement.owedFen)}，押金抵扣后应退{' '}
              {formatFen(c.settlement.refundDueFen)}
              ，仍需缴纳 {formatFen(c.settlement.stillOwedFen)}
            </Text>
          ) : null}
          {c.banEndsOn ? (
            <Text className="muted" style={{ display: 'block' }}>
              {c.banEndsOn} 前不得再次申请保障性住房
            </Text>
          ) : null}
          {c.nextSteps.includes('statement') ? (
            <View>
              <TextField
                id="my-exit-text"
                label="您的陈述"
                hint="如有异议或特殊情况，请在此说明，住房保障部门会审阅。"
                multiline
                maxLength={1000}
                value={text}
                placeholder="例如：因住院三个月未能按时缴租，现已出院"
                error={textError}
                onChange={(t) => {
                  setText(t);
                  setTextError('');
                }}
              />
            </View>
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
