import { Text, View } from '@tarojs/components';
import type { ApplicationProgress } from '@shared/contracts';
import { reviewStages } from '../utils/review-stages';
import { Step, Steps } from './nut';
import './review-steps.css';

const MARK = { wait: '○', process: '…', finish: '✓', refused: '!' } as const;
const WORD = { wait: '未开始', process: '进行中', finish: '已通过', refused: '未通过' } as const;

/**
 * 社区初审 → 街道复审 → 住房保障部门终审 as NutUI Steps (issue #19), each with its dates and its state in words
 * and a mark (never colour alone). Used on 申请进度 (the applicant) and 审核申请 (the reviewers).
 */
export function ReviewSteps({
  app,
}: {
  app: Pick<ApplicationProgress, 'history' | 'status' | 'noticeEndsOn'>;
}) {
  const { lines, current } = reviewStages(app.history, app.status, app.noticeEndsOn);
  return (
    <View className="card review-steps" id="review-steps">
      <Text className="card-title">审核环节</Text>
      <Steps direction="vertical" status="dynamic" value={current}>
        {lines.map((l, i) => (
          <Step
            key={l.title}
            value={i + 1}
            className={`review-step review-step-${l.state}`}
            title={
              <Text id={`review-step-${i + 1}`}>
                {l.title}（{MARK[l.state]} {WORD[l.state]}）
              </Text>
            }
            description={l.description}
          />
        ))}
      </Steps>
    </View>
  );
}
