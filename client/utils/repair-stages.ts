import type { RepairView } from '@shared/contracts';
import { RATING_REASON_LABELS } from '@shared/rules/repair-stats.rule';
import { REPAIR_STATE_LABELS } from '@shared/rules/repair-flow.rule';
import { formatDate } from './format';
import { personName } from './period';
import { formatInstant } from './ui';

/**
 * A repair as the tenant follows it (issue #19: Steps for a case's stages): 已报修 → 已派单 → 上门维修 →
 * 已完成 / 待评价, each with its time and who did it in plain words (物业管家 王芳, 维修师傅 孙强, 您), read off the
 * request's events. A rejected request stops at the second stage, marked 已驳回 with the reason; a reopened
 * one starts again at 重新报修 (the earlier round stays in 处理记录). Pure: tested in
 * test/client/repair-stages.test.tsx.
 */
export type RepairStageState = 'wait' | 'process' | 'finish' | 'refused';
export interface RepairStageLine {
  title: string;
  state: RepairStageState;
  /** The state in words beside the title (never colour alone): 已完成, 当前, 未开始, 未通过, 已评价. */
  word: string;
  description: string;
}

const WORD: Record<RepairStageState, string> = {
  finish: '已完成',
  process: '当前',
  wait: '未开始',
  refused: '未通过',
};

type Event = RepairView['events'][number];

export function repairStages(
  r: Pick<RepairView, 'status' | 'events' | 'workerName' | 'visitAt' | 'createdAt' | 'rating'>,
  selfName?: string | null,
): { lines: RepairStageLine[]; current: number } {
  const L = REPAIR_STATE_LABELS;
  // The round the request is in: everything after the tenant last reopened it.
  let from = 0;
  r.events.forEach((e, i) => {
    if (e.action === L.reopened) from = i;
  });
  const round = r.events.slice(from);
  const last = (action: string): Event | undefined => [...round].reverse().find((e) => e.action === action);
  const self = (selfName ?? '').trim();
  const who = (e: Event | undefined, role: string) => {
    const name = personName(e?.actorName);
    if (self && name === self) return '您';
    return name === '工作人员' || name === '系统自动' ? name : `${role}${name}`;
  };
  const at = (e: Event | undefined) => (e ? `${formatInstant(e.at)}，` : '');
  const worker = r.workerName ? `维修师傅${r.workerName}` : '维修师傅';
  const line = (title: string, state: RepairStageState, description: string, word = WORD[state]) => ({
    title,
    state,
    word,
    description,
  });

  const reopened = round[0]?.action === L.reopened ? round[0] : undefined;
  const filed = reopened ?? round.find((e) => e.action === L.submitted);
  const first = reopened
    ? line(
        '重新报修',
        'finish',
        `${at(reopened)}${who(reopened, '租户')}重新报修${reopened.note ? `：${reopened.note}` : ''}`,
      )
    : line('已报修', 'finish', filed ? `${at(filed)}${who(filed, '租户')}提交` : formatInstant(r.createdAt));

  const accepted = last(L.accepted);
  const assigned = last(L.assigned);
  const rejected = last(L.rejected);
  const started = last(L.in_progress);
  const done = last(L.done);
  const confirmed = last(L.confirmed);
  const status = r.status;

  let second: RepairStageLine;
  if (status === 'rejected')
    second = line(
      '已驳回',
      'refused',
      `${at(rejected)}${who(rejected, '物业管家')}驳回${rejected?.note ? `，原因：${rejected.note}` : ''}`,
    );
  else if (['assigned', 'in_progress', 'done', 'confirmed'].includes(status))
    second = line(
      '已派单',
      'finish',
      assigned ? `${at(assigned)}${who(assigned, '物业管家')}派给${worker}` : `已派给${worker}`,
    );
  else if (status === 'accepted')
    second = line(
      '已受理，等待派单',
      'process',
      `${at(accepted)}${who(accepted, '物业管家')}已受理，正在安排维修师傅`,
    );
  else second = line('等待派单', 'process', '物业管家会尽快受理，并安排维修师傅上门');

  let third: RepairStageLine;
  if (status === 'done' || status === 'confirmed')
    third = line(
      '上门维修',
      'finish',
      started ? `${at(started)}${who(started, '维修师傅')}开始维修` : `${worker}已上门维修`,
    );
  else if (status === 'in_progress')
    third = line('维修中', 'process', `${at(started)}${who(started, '维修师傅')}开始维修`);
  else if (status === 'assigned')
    third = line(
      '等待上门',
      'process',
      r.visitAt ? `${worker}预计 ${formatInstant(r.visitAt)} 上门` : `${worker}会和您约定上门时间`,
    );
  else
    third = line(
      '上门维修',
      'wait',
      status === 'rejected' ? '报修已驳回，不再上门' : '派单后维修师傅上门维修',
    );

  let fourth: RepairStageLine;
  if (status === 'confirmed') {
    const verdict = r.rating
      ? r.rating.good
        ? '满意'
        : `不满意（${r.rating.reasons.map((x) => RATING_REASON_LABELS[x] ?? x).join('、')}）`
      : '';
    fourth = line(
      '已完成',
      'finish',
      `${at(confirmed)}${who(confirmed, '租户')}确认完成${verdict ? `，评价：${verdict}` : ''}`,
      '已评价',
    );
  } else if (status === 'done')
    fourth = line(
      '待评价',
      'process',
      `${at(done)}${who(done, '维修师傅')}已修好${done?.note ? `（${done.note}）` : ''}，请确认并评价`,
    );
  else
    fourth = line('已完成 / 待评价', 'wait', status === 'rejected' ? '报修已驳回' : '修好后请您确认并评价');

  const lines = [first, second, third, fourth];
  const open = lines.findIndex((l) => l.state === 'process' || l.state === 'refused');
  return { lines, current: open >= 0 ? open + 1 : lines.length + 1 };
}

/**
 * A note of 处理记录 in plain words: the server writes days as 2026-11-23 in some notes (派给 孙强，预计
 * 2026-11-23 09:00 上门; 延至 2026-11-25：…); a person reads 2026年11月23日.
 */
export function plainNote(note: string): string {
  return note.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) =>
    formatDate(`${y}-${m}-${d}`),
  );
}
