import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ApplicationProgress } from '@shared/contracts';
import { APPLICATION_DOCUMENTS, type ApplicationDocumentKind } from '@shared/rules/application.rule';
import { PhotoPicker } from '../../components/photo-picker';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadPhotos } from '../../services/upload';
import { formatDate } from '../../utils/format';
import type { PickedPhoto } from '../../utils/photo';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { ReviewSteps } from '../../components/review-steps';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { TextField } from '../../components/text-field';

/** The application's state in words and a mark. */
function toneOf(status: string): StatusTone {
  if (status === 'approved') return 'ok';
  if (status === 'rejected' || status === 'returned') return 'bad';
  if (status === 'withdrawn') return 'info';
  return 'warn';
}

/**
 * 申请进度: every stage of 三审三公示 with its date and who acted, what a review returned the application for
 * (with the upload to supplement it), a refusal with its clause and the 复核 request (due in 15 working days),
 * objections raised during the notices with the written answers, and withdrawal.
 */
export default function ApplicationPage() {
  // Wrapped: the function answers null when there is no application, and useLoad's null means "not loaded".
  const { data, error, reload } = useLoad(async () => ({
    app: await callFunction('allocation', 'myApplicationProgress', {}),
  }));
  if (error && data === null) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (data === null) return <Loading />;
  if (!data.app)
    return (
      <Screen
        id="application"
        title="申请进度"
        bottom={
          <NutButton
            type="primary"
            size="large"
            id="go-apply"
            onClick={() => void Taro.navigateTo({ url: '/pages/apply/index' })}
          >
            申请公租房
          </NutButton>
        }
      >
        <View className="card">
          <Empty text="您还没有提交公租房申请。提交后，这里会显示每个审核环节的进度和日期。" />
        </View>
      </Screen>
    );
  return <Progress app={data.app} onChange={() => void reload()} />;
}

function Progress({ app, onChange }: { app: ApplicationProgress; onChange: () => void }) {
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [more, setMore] = useState<PickedPhoto[]>([]);
  const [kind, setKind] = useState<ApplicationDocumentKind>('income');
  const [err, setErr] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const act = async (what: string, run: () => Promise<unknown>) => {
    setBusy(true);
    setErr(null);
    try {
      await run();
      toast(what, 'success');
      setText('');
      setMore([]);
      onChange();
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const resubmit = () =>
    act('已重新提交', async () =>
      callFunction('allocation', 'resubmitApplication', {
        applicationId: app.id,
        note: text.trim(),
        documents: more.length > 0 ? [{ kind, fileIds: await uploadPhotos('application-doc', more) }] : [],
      }),
    );
  const requestReReview = () => {
    if (!text.trim()) return setReasonError('请说明申请复核的理由。');
    void act('已申请复核', () =>
      callFunction('allocation', 'requestApplicationReReview', {
        applicationId: app.id,
        reason: text.trim(),
      }),
    );
  };
  // The one main action of the screen, when there is one: supplement a returned application, or ask for 复核.
  const mainAction = () => {
    if (app.returned)
      return (
        <NutButton type="primary" size="large" id="resubmit" loading={busy} onClick={() => void resubmit()}>
          补充后重新提交
        </NutButton>
      );
    if (app.canRequestReReview)
      return (
        <NutButton
          type="primary"
          size="large"
          id="request-re-review"
          loading={busy}
          onClick={requestReReview}
        >
          申请复核
        </NutButton>
      );
    return undefined;
  };
  return (
    <Screen id="application" title="申请进度" bottom={mainAction()}>
      <View className="card">
        <StatusTag tone={toneOf(app.status)} text={app.statusLabel} id="application-status" />
        <CellGroup>
          <Cell title="申请类别" extra={app.categoryLabel} />
          <Cell title="提交时间" extra={formatInstant(app.submittedAt)} />
          {app.noticeEndsOn ? (
            <Cell
              title="公示期"
              extra={<Text id="notice-ends">公示至 {formatDate(app.noticeEndsOn)}</Text>}
            />
          ) : null}
          {app.certificateDate ? (
            <Cell
              title="已进入轮候"
              extra={<Text id="certificate-date">持证日期 {formatDate(app.certificateDate)}</Text>}
            />
          ) : null}
        </CellGroup>
      </View>

      <ReviewSteps app={app} />

      <View className="card" id="application-history">
        <Text className="card-title">办理经过</Text>
        <CellGroup>
          {app.history.map((h, i) => (
            // NutUI's Cell passes no id on: the row's id is on a wrapper.
            <View key={i} id={`stage-${i}`}>
              <Cell
                title={h.label}
                description={h.note ? `${h.by ? `${h.by}：` : ''}${h.note}` : undefined}
                extra={formatInstant(h.at)}
              />
            </View>
          ))}
        </CellGroup>
      </View>

      {app.returned ? (
        <View className="card" id="returned">
          <Text className="card-title">需要补充的材料</Text>
          {app.returned.missing.map((m) => (
            <Text key={m} className="error" style={{ display: 'block' }}>
              · {m}
            </Text>
          ))}
          {app.returned.note ? <Text className="muted">{app.returned.note}</Text> : null}
          <Text className="label">补充哪一类材料</Text>
          <ChoiceChips
            label="补充哪一类材料"
            options={(Object.keys(APPLICATION_DOCUMENTS) as ApplicationDocumentKind[]).map(
              (k) => [k, APPLICATION_DOCUMENTS[k]] as const,
            )}
            value={kind}
            onChange={setKind}
            idOf={(k) => `supplement-kind-${k}`}
          />
          <PhotoPicker photos={more} onChange={setMore} max={6} buttonId="add-supplement" />
          <TextField
            id="supplement-note"
            label="补充说明（选填）"
            multiline
            maxLength={300}
            value={text}
            placeholder="例如：收入证明已重新开具"
            onChange={setText}
          />
        </View>
      ) : null}

      {app.refusal ? (
        <View className="card" id="refusal">
          <Text className="card-title">未通过的理由</Text>
          <Text className="value" style={{ display: 'block' }}>
            {app.refusal.reason}
          </Text>
          <Text className="muted">依据：{app.refusal.clause}</Text>
        </View>
      ) : null}

      {app.reReview ? (
        <View className="card" id="re-review">
          <Text className="card-title">复核</Text>
          <Text className="muted" style={{ display: 'block' }}>
            {formatInstant(app.reReview.requestedAt)} 申请：{app.reReview.reason}
          </Text>
          <Text className="value" id="re-review-due" style={{ display: 'block' }}>
            应于 {formatDate(app.reReview.dueOn)} 前书面答复
            {app.reReview.provisional ? '（暂按工作日计算）' : ''}
          </Text>
          {app.reReview.answer ? (
            <Text className="value" id="re-review-answer">
              答复：{app.reReview.answer}
            </Text>
          ) : null}
          <Text className="muted">依据：{app.reReview.clause}</Text>
        </View>
      ) : null}

      {app.canRequestReReview ? (
        <View className="card">
          <Text className="card-title">对审核结果有异议？</Text>
          <TextField
            id="re-review-reason"
            label="申请复核的理由"
            multiline
            maxLength={500}
            value={text}
            placeholder="请说明申请复核的理由"
            error={reasonError}
            onChange={(next) => {
              setText(next);
              setReasonError(null);
            }}
          />
        </View>
      ) : null}

      {app.objections.length > 0 ? (
        <View className="card" id="objections">
          <Text className="card-title">公示期间的异议与答复</Text>
          {app.objections.map((o) => (
            <View key={o.id} className="member">
              <Text className="muted" style={{ display: 'block' }}>
                {o.stage} · {formatInstant(o.at)}：{o.text}
              </Text>
              <Text className="value">
                {o.answer ? `答复：${o.answer}${o.upheld ? '（异议成立，重新审核）' : ''}` : '待答复'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="card">
        <Text className="card-title">已上传的材料</Text>
        <CellGroup>
          {app.documents.map((d) => (
            <Cell
              key={d.kind}
              title={APPLICATION_DOCUMENTS[d.kind as ApplicationDocumentKind]}
              extra={`${d.count} 张`}
            />
          ))}
        </CellGroup>
      </View>

      {err ? (
        <Text className="error" id="form-error">
          {err}
        </Text>
      ) : null}
      {app.canWithdraw ? (
        <NutButton
          fill="outline"
          size="large"
          block
          id="withdraw"
          disabled={busy}
          onClick={() =>
            void (async () => {
              if (!(await confirm('撤回申请', '撤回后本次申请结束，需要时可重新申请。确认撤回？'))) return;
              await act('已撤回', () =>
                callFunction('allocation', 'withdrawApplication', {
                  applicationId: app.id,
                  reason: '申请人撤回',
                }),
              );
            })()
          }
        >
          撤回申请
        </NutButton>
      ) : null}
    </Screen>
  );
}
