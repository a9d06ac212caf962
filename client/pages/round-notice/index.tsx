import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';

/**
 * 配租结果公示: a round's ranked results, names and ID numbers masked, public for anyone with the link while
 * the notice runs; an objection goes to the housing office, which answers it. Signing opens only after the
 * notice ends with no objection pending.
 */
export default function RoundNoticePage() {
  const roundId = queryParam('id');
  const { data, error, reload } = useLoad(() => callFunction('allocation', 'roundNotice', { roundId }));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | null>(null);
  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const object = async () => {
    if (!text.trim()) return setTextError('请写明异议的事实和理由。');
    if (!(await confirm('提出异议', '异议将由住房保障部门核查并答复。确认提交？'))) return;
    setBusy(true);
    setErr(null);
    try {
      await callFunction('allocation', 'fileObjection', { roundId, text: text.trim() });
      toast('异议已提交', 'success');
      setText('');
      void reload();
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen
      id="round-notice"
      title="配租结果公示"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="round-objection"
          loading={busy}
          onClick={() => void object()}
        >
          提交异议
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">
          {data.projectName} {data.title}
        </Text>
        <Text className="value" id="round-notice-ends" style={{ display: 'block' }}>
          公示至 {formatDate(data.noticeEndsOn)}，公示期满且无待核查异议后方可签约
        </Text>
        <Text className="muted">依据：{data.clause}</Text>
        {data.pendingObjections > 0 ? (
          <StatusTag
            tone="warn"
            id="round-notice-objections"
            text={`待核查异议 ${data.pendingObjections} 件`}
          />
        ) : null}
      </View>
      <View className="card">
        {data.rows.length === 0 ? <Empty text="公示名单中还没有家庭。" /> : null}
        <CellGroup>
          {data.rows.map((r) => (
            // NutUI's Cell passes no id on: the row's id is on a wrapper.
            <View key={r.overallRank} id={`rank-${r.overallRank}`}>
              <Cell
                title={`第 ${r.overallRank} 名 ${r.headNameMasked}`}
                description={`${r.idNumberMasked} · ${r.tierLabel}`}
                extra={r.unitLabel ?? r.statusLabel}
              />
            </View>
          ))}
        </CellGroup>
      </View>
      <View className="card">
        <Text className="card-title">对公示结果有异议？</Text>
        <TextField
          id="round-objection-text"
          label="异议内容"
          multiline
          maxLength={500}
          value={text}
          placeholder="请写明异议的事实和理由"
          error={textError}
          onChange={(next) => {
            setText(next);
            setTextError(null);
          }}
        />
        {err ? (
          <Text className="error" id="form-error">
            {err}
          </Text>
        ) : null}
      </View>
    </Screen>
  );
}
