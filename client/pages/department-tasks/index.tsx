import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { DepartmentTaskRow } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { Screen } from '../../components/screen';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, toast } from '../../utils/ui';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';

/**
 * 部门核查任务 (惠州 链接2(3)): a department checker's open parallel-review tasks, the soonest due first and
 * overdue ones flagged, each with only what the department's check needs. The checker answers 核查无异常, or
 * 有异常 with the finding written; an answered task leaves the list.
 */
export default function DepartmentTasksPage() {
  const { data, error, reload } = useLoad(() => callFunction('allocation', 'departmentTasks', {}));
  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  return (
    <Screen id="department-tasks" title="部门核查任务" tab="departmentTasks">
      {data.length > 0 ? (
        <View className="card">
          <Text className="muted">
            {data[0]!.departmentLabel}：共 {data.length} 项待核查
            {data.some((t) => t.overdue) ? `，其中 ${data.filter((t) => t.overdue).length} 项已逾期` : ''}
          </Text>
        </View>
      ) : (
        <View className="card">
          <Empty text="没有待核查的任务。" />
        </View>
      )}
      {data.map((t) => (
        <Task key={t.applicationId} task={t} onDone={() => void reload()} />
      ))}
    </Screen>
  );
}

/**
 * A member's ID number, masked; the checker may see the whole number to find the person's records, after
 * writing why. The view is logged (the office's record of ID-number views), and the page says so.
 */
function MemberId({
  applicationId,
  index,
  member,
}: {
  applicationId: string;
  index: number;
  member: DepartmentTaskRow['members'][number];
}) {
  const id = `member-${applicationId}-${index}`;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [whole, setWhole] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = async () => {
    if (reason.trim().length < 2) return setReasonError('请写明查看原因（至少 2 个字）。');
    setBusy(true);
    try {
      const res = await callFunction('allocation', 'revealMemberIdNumber', {
        applicationId,
        member: index,
        reason: reason.trim().slice(0, 100),
      });
      setWhole(res.idNumber);
      setAsking(false);
    } catch (e) {
      setReasonError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="member-id" id={id}>
      <View className="row">
        <Text className="value">
          {member.name}（{member.relation}）
        </Text>
        <Text className={whole ? 'value' : 'muted'} id={`${id}-number`}>
          {whole ?? member.idNumberMasked}
        </Text>
      </View>
      {whole ? (
        <Text className="muted" style={{ display: 'block' }}>
          本次查看已记录，住房保障部门可查。
        </Text>
      ) : asking ? (
        <View>
          <TextField
            id={`${id}-reason`}
            label="查看原因"
            hint="查看完整证件号会被记录，住房保障部门可查。"
            maxLength={100}
            value={reason}
            placeholder="例如：核对户籍记录"
            error={reasonError}
            onChange={(text) => {
              setReason(text);
              setReasonError(null);
            }}
          />
          <View className="row task-answers">
            <NutButton type="primary" id={`${id}-show`} loading={busy} onClick={() => void show()}>
              查看完整证件号
            </NutButton>
            <NutButton fill="outline" type="primary" id={`${id}-cancel`} onClick={() => setAsking(false)}>
              取消
            </NutButton>
          </View>
        </View>
      ) : (
        <NutButton fill="outline" type="primary" id={`${id}-ask`} onClick={() => setAsking(true)}>
          查看完整证件号
        </NutButton>
      )}
    </View>
  );
}

function Task({ task, onDone }: { task: DepartmentTaskRow; onDone: () => void }) {
  const [finding, setFinding] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [findingError, setFindingError] = useState<string | null>(null);
  const answer = async (result: 'clear' | 'issue') => {
    // 有异常 needs the finding: said under the field (issue #19), not by a greyed button.
    if (result === 'issue' && !finding.trim()) return setFindingError('请写明核查发现的问题，再答复有异常。');
    setFindingError(null);
    const question =
      result === 'clear'
        ? '答复：核查无异常？答复后不能更改。'
        : '答复：有异常（按填写的核查情况）？答复后不能更改。';
    if (!(await confirm('答复核查任务', question))) return;
    setBusy(true);
    setErr(null);
    try {
      await callFunction('allocation', 'answerDepartmentTask', {
        applicationId: task.applicationId,
        result,
        note: result === 'issue' ? finding.trim().slice(0, 300) : '',
      });
      toast('已答复', 'success');
      onDone();
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`card${task.overdue ? ' overdue' : ''}`} id={`task-${task.applicationId}`}>
      <View className="row">
        <Text className="value">
          {task.categoryLabel} · {task.members.length} 人
        </Text>
        {task.overdue ? <StatusTag tone="bad" text="已逾期" /> : null}
      </View>
      <Text className="muted" style={{ display: 'block' }}>
        {formatDate(task.sentOn)} 发来，应于 {formatDate(task.dueOn)} 前答复
        {task.provisional ? '（暂按工作日计算）' : ''}
      </Text>
      {task.members.map((m, i) => (
        <MemberId key={i} applicationId={task.applicationId} index={i} member={m} />
      ))}
      {task.facts.map((f, i) => (
        <View className="row" key={`f${i}`}>
          <Text className="muted">{f.label}</Text>
          <Text className="value">{f.value}</Text>
        </View>
      ))}
      <TextField
        id={`finding-${task.applicationId}`}
        label="核查情况"
        hint="有异常时必填，写明核查发现的问题。"
        multiline
        maxLength={300}
        value={finding}
        placeholder="例如：配偶领取失业保险金未申报"
        error={findingError}
        onChange={(text) => {
          setFinding(text);
          setFindingError(null);
        }}
      />
      {err ? <Text className="error">{err}</Text> : null}
      <View className="row task-answers">
        <NutButton
          type="primary"
          id={`clear-${task.applicationId}`}
          disabled={busy}
          onClick={() => void answer('clear')}
        >
          核查无异常
        </NutButton>
        <NutButton
          fill="outline"
          type="primary"
          id={`issue-${task.applicationId}`}
          disabled={busy}
          onClick={() => void answer('issue')}
        >
          有异常
        </NutButton>
      </View>
    </View>
  );
}
