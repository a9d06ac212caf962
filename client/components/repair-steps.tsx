import { Text, View } from '@tarojs/components';
import type { RepairView } from '@shared/contracts';
import { plainNote, repairStages } from '../utils/repair-stages';
import { formatInstant } from '../utils/ui';
import { personName } from '../utils/period';
import { Step, Steps } from './nut';
import './review-steps.css';

const MARK = { wait: '○', process: '…', finish: '✓', refused: '!' } as const;

/**
 * The tenant's view of a repair (issue #19): 已报修 → 已派单 → 上门维修 → 已完成 / 待评价 as NutUI Steps, each
 * with its time and who in plain words, the current stage and each stage's state said in words and a mark
 * beside the title (never colour alone). Drawn like the three reviews (components/review-steps.tsx).
 */
export function RepairSteps({ r, selfName }: { r: RepairView; selfName?: string | null }) {
  const { lines, current } = repairStages(r, selfName);
  return (
    <View className="card review-steps repair-steps" id="repair-steps">
      <Text className="card-title">办理进度</Text>
      <Steps direction="vertical" status="dynamic" value={current}>
        {lines.map((l, i) => (
          <Step
            key={i}
            value={i + 1}
            className={`review-step review-step-${l.state}`}
            title={
              <Text id={`repair-stage-${i + 1}`} aria-current={l.state === 'process' ? 'step' : undefined}>
                {l.title}（{MARK[l.state]} {l.word}）
              </Text>
            }
            description={l.description}
          />
        ))}
      </Steps>
    </View>
  );
}

/**
 * 处理记录: every recorded move and message, oldest first, as NutUI Steps with a dot each; the newest is
 * marked 最新 in words. Each entry reads 已派单 · 王芳, then the time and the note.
 */
export function RepairTimeline({ events }: { events: RepairView['events'] }) {
  return (
    <Steps direction="vertical" status="dynamic" type="dot" value={events.length}>
      {events.map((e, i) => (
        <Step
          key={i}
          value={i + 1}
          className="timeline-item"
          title={
            <Text id={`event-${i + 1}`}>
              {e.action} · {personName(e.actorName)}
              {i === events.length - 1 ? '（最新）' : ''}
            </Text>
          }
          description={`${formatInstant(e.at)}${e.note ? ` · ${plainNote(e.note)}` : ''}`}
        />
      ))}
    </Steps>
  );
}
