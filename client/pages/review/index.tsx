import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ApplicationDetail } from '@shared/contracts';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate, formatFen } from '../../utils/format';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { ReviewSteps } from '../../components/review-steps';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';

/**
 * One application as its reviewer sees it: members, incomes, housing, the photos of the certificates, the
 * history, objections with the written answers, the departments' parallel checks with their due dates (overdue
 * flagged), and the moves the rules allow the caller now (approve, return with what is missing, refuse with
 * the reason; close a notice; answer an objection; decide a 复核). Every move is confirmed first.
 */
export default function ReviewPage() {
  const id = queryParam('id');
  const { data, error, reload } = useLoad(() =>
    callFunction('allocation', 'applicationDetail', { applicationId: id }),
  );
  // A move answers the application as it now stands; it may have left the caller's stage (a closed notice
  // moves it to the next review), so the page shows that answer rather than asking again.
  const [moved, setMoved] = useState<ApplicationDetail | null>(null);
  // A fresh load (the page shown again) replaces it.
  useEffect(() => setMoved(null), [data]);
  const shown = moved ?? data;
  if (error && !shown) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!shown) return <Loading />;
  return <Detail app={shown} onChange={setMoved} />;
}

function Detail({ app, onChange }: { app: ApplicationDetail; onChange: (next: ApplicationDetail) => void }) {
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  // An objection answered with nothing written says so under its answer, and nothing is sent (issue #19).
  const [answerErrors, setAnswerErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ note?: string; missing?: string }>({});
  const can = (m: string) => app.moves.includes(m);

  const act = async (title: string, question: string, run: () => Promise<ApplicationDetail>) => {
    if (!(await confirm(title, question))) return;
    setBusy(true);
    setErr(null);
    try {
      const next = await run();
      toast('已办理', 'success');
      setNote('');
      setMissing('');
      onChange(next);
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  /** A field the move needs: its error under it (issue #19), and false when it is empty. */
  const needs = (field: 'note' | 'missing', value: string, message: string) => {
    if (value.trim()) return true;
    setFieldErrors((f) => ({ ...f, [field]: message }));
    return false;
  };
  const answer = (objectionId: string, upheld: boolean) => {
    const text = (answers[objectionId] ?? '').trim();
    if (!text) {
      setAnswerErrors((e) => ({ ...e, [objectionId]: '请先写明书面答复，再选择异议是否成立。' }));
      return;
    }
    void act(
      '答复异议',
      upheld ? '异议成立：申请将退回本环节重新审核。确认？' : '异议不成立：公示继续。确认？',
      () =>
        callFunction('allocation', 'answerReviewObjection', {
          applicationId: app.id,
          objectionId,
          answer: text,
          upheld,
        }),
    );
  };
  const review = (decision: 'approve' | 'return' | 'refuse') =>
    callFunction('allocation', 'reviewApplication', {
      applicationId: app.id,
      decision,
      note: note.trim(),
      ...(decision === 'return'
        ? {
            missing: missing
              .split(/[，,、\n]/)
              .map((s) => s.trim())
              .filter(Boolean)
              .slice(0, 10),
          }
        : {}),
    });

  return (
    <Screen
      id="review"
      title="审核申请"
      bottom={
        can('approve') ? (
          <NutButton
            type="primary"
            size="large"
            id="review-approve"
            loading={busy}
            onClick={() => void act('审核通过', '审核通过后将公示审核结果。确认？', () => review('approve'))}
          >
            审核通过
          </NutButton>
        ) : can('close_notice') ? (
          <NutButton
            type="primary"
            size="large"
            id="close-notice"
            loading={busy}
            onClick={() =>
              void act('公示期满', '公示期满且无待答复异议，进入下一环节？', () =>
                callFunction('allocation', 'closeReviewNotice', { applicationId: app.id }),
              )
            }
          >
            公示期满，进入下一环节
          </NutButton>
        ) : undefined
      }
    >
      <View className="card">
        <StatusTag tone="info" text={app.statusLabel} id="review-status" />
        <CellGroup>
          <Cell title="申请人" extra={`${app.headName}（${app.idNumberMasked}）`} />
          <Cell title="申请类别" extra={app.categoryLabel} />
          <Cell title="家庭年收入" extra={formatFen(app.annualIncomeFen)} />
          <Cell
            title="现住房"
            extra={`自有 ${app.housing.ownedHomeAreaM2} 平方米`}
            description={app.housing.description || undefined}
          />
          {app.employmentMonths !== null ? (
            <Cell title="本地就业" extra={`${app.employmentMonths} 个月`} />
          ) : null}
          {app.noticeEndsOn ? <Cell title="公示期" extra={`公示至 ${formatDate(app.noticeEndsOn)}`} /> : null}
        </CellGroup>
      </View>

      {app.members.length > 0 ? (
        <View className="card">
          <Text className="card-title">家庭成员</Text>
          <CellGroup>
            {app.members.map((m, i) => (
              <Cell
                key={i}
                title={`${m.relation} ${m.name}`}
                description={m.idNumberMasked}
                extra={`年收入 ${formatFen(m.annualIncomeFen)}`}
              />
            ))}
          </CellGroup>
        </View>
      ) : null}

      {app.documentFiles.length > 0 ? (
        <View className="card">
          <Text className="card-title">证明材料</Text>
          <View className="photos">
            {app.documentFiles.map((f, i) => (
              <View className="photo" key={i}>
                <Image className="photo-img" src={f.url} mode="aspectFill" />
                <Text className="muted">{f.label}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {app.departments.length > 0 ? (
        <View className="card" id="departments">
          <Text className="card-title">部门并联核查</Text>
          {app.departments.map((d) => (
            <View
              key={d.department}
              className={`row${d.overdue ? ' overdue' : ''}`}
              id={`dept-${d.department}`}
            >
              <View>
                <Text className="value">{d.label}</Text>
                <Text className="muted" style={{ display: 'block' }}>
                  {d.answeredAt
                    ? `${d.result === 'clear' ? '无异常' : '发现问题'}${d.note ? `：${d.note}` : ''}`
                    : `等待该部门核查人员答复，应于 ${formatDate(d.dueOn)} 前回复${d.provisional ? '（暂按工作日计算）' : ''}`}
                </Text>
                {d.overdue ? <StatusTag tone="bad" text="已逾期" /> : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}

      {app.objections.length > 0 ? (
        <View className="card" id="objections">
          <Text className="card-title">公示异议</Text>
          {app.objections.map((o) => (
            <View key={o.id} className="member" id={`objection-${o.id}`}>
              <Text className="muted" style={{ display: 'block' }}>
                {o.stage} · {formatInstant(o.at)}：{o.text}
              </Text>
              {o.status === 'answered' ? (
                <Text className="value">
                  答复：{o.answer}
                  {o.upheld ? '（异议成立）' : '（异议不成立）'}
                </Text>
              ) : (
                <View>
                  <TextField
                    id={`objection-${o.id}-answer`}
                    label="书面答复"
                    multiline
                    maxLength={500}
                    value={answers[o.id] ?? ''}
                    placeholder="写明核查的事实和结论"
                    error={answerErrors[o.id]}
                    onChange={(text) => {
                      setAnswers({ ...answers, [o.id]: text });
                      setAnswerErrors((e) => ({ ...e, [o.id]: undefined }));
                    }}
                  />
                  {[false, true].map((upheld) => (
                    <NutButton
                      key={String(upheld)}
                      fill="outline"
                      block
                      id={`objection-${o.id}-${upheld ? 'upheld' : 'dismissed'}`}
                      disabled={busy}
                      onClick={() => answer(o.id, upheld)}
                    >
                      {upheld ? '异议成立' : '异议不成立'}
                    </NutButton>
                  ))}
                </View>
              )}
            </View>
          ))}
        </View>
      ) : null}

      <ReviewSteps app={app} />

      <View className="card" id="history">
        <Text className="card-title">办理经过</Text>
        <CellGroup>
          {app.history.map((h, i) => (
            <Cell
              key={i}
              title={`${h.label}${h.by ? `（${h.by}）` : ''}`}
              description={h.note || undefined}
              extra={formatInstant(h.at)}
            />
          ))}
        </CellGroup>
        {app.refusal ? (
          <Text className="muted">
            不通过理由：{app.refusal.reason}（依据：{app.refusal.clause}）
          </Text>
        ) : null}
        {app.reReview ? (
          <Text className="muted" id="re-review">
            复核申请：{app.reReview.reason}，应于 {formatDate(app.reReview.dueOn)} 前答复
            {app.reReview.answer ? `；答复：${app.reReview.answer}` : ''}
          </Text>
        ) : null}
      </View>

      {app.moves.length > 0 ? (
        <View className="card" id="decide">
          <Text className="card-title">办理</Text>
          <TextField
            id="review-note"
            label="审核意见"
            hint="不通过时写明理由；复核时写明答复"
            multiline
            maxLength={500}
            value={note}
            placeholder="审核意见、不通过理由或复核答复"
            error={fieldErrors.note}
            onChange={(text) => {
              setNote(text);
              setFieldErrors((f) => ({ ...f, note: undefined }));
            }}
          />
          {can('return') ? (
            <TextField
              id="review-missing"
              label="需要补充的材料"
              hint="退回时填写，多项用顿号分隔"
              value={missing}
              placeholder="例如：收入证明、户口本"
              error={fieldErrors.missing}
              onChange={(text) => {
                setMissing(text);
                setFieldErrors((f) => ({ ...f, missing: undefined }));
              }}
            />
          ) : null}
          {can('return') ? (
            <NutButton
              fill="outline"
              block
              id="review-return"
              disabled={busy}
              onClick={() =>
                needs('missing', missing, '请写明需要补充的材料。') &&
                void act('退回补充材料', '退回申请人补充材料？', () => review('return'))
              }
            >
              退回补充材料
            </NutButton>
          ) : null}
          {can('refuse') ? (
            <NutButton
              fill="outline"
              block
              id="review-refuse"
              disabled={busy}
              onClick={() =>
                needs('note', note, '请在审核意见中写明不通过的理由。') &&
                void act('审核不通过', '审核不通过将书面告知申请人理由。确认？', () => review('refuse'))
              }
            >
              审核不通过
            </NutButton>
          ) : null}
          {can('confirm_refusal') || can('overturn_refusal') ? (
            <>
              <NutButton
                fill="outline"
                block
                id="re-review-confirm"
                disabled={busy}
                onClick={() =>
                  needs('note', note, '请在审核意见中写明复核答复。') &&
                  void act('复核答复', '维持原审核决定？', () =>
                    callFunction('allocation', 'decideReReview', {
                      applicationId: app.id,
                      overturn: false,
                      answer: note.trim(),
                    }),
                  )
                }
              >
                维持原决定
              </NutButton>
              <NutButton
                fill="outline"
                block
                id="re-review-overturn"
                disabled={busy}
                onClick={() =>
                  needs('note', note, '请在审核意见中写明复核答复。') &&
                  void act('复核答复', '撤销原决定，退回原环节重新审核？', () =>
                    callFunction('allocation', 'decideReReview', {
                      applicationId: app.id,
                      overturn: true,
                      answer: note.trim(),
                    }),
                  )
                }
              >
                撤销原决定
              </NutButton>
            </>
          ) : null}
        </View>
      ) : null}
      {err ? (
        <Text className="error" id="form-error">
          {err}
        </Text>
      ) : null}
    </Screen>
  );
}
