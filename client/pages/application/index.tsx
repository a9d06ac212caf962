import { Button, Text, Textarea, View } from '@tarojs/components';
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
      <Screen id="application" title="申请进度">
        <View className="card">
          <Empty text="您还没有提交公租房申请。" />
          <Button
            className="btn"
            id="go-apply"
            onClick={() => void Taro.navigateTo({ url: '/pages/apply/index' })}
          >
            申请公租房
          </Button>
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
  return (
    <Screen id="application" title="申请进度">
      <View className="card">
        <Text className="card-title" id="application-status">
          {app.statusLabel}
        </Text>
        <Text className="muted" style={{ display: 'block' }}>
          {app.categoryLabel} · 提交于 {formatInstant(app.submittedAt)}
        </Text>
        {app.noticeEndsOn ? (
          <Text className="value" id="notice-ends" style={{ display: 'block' }}>
            公示至 {formatDate(app.noticeEndsOn)}
          </Text>
        ) : null}
        {app.certificateDate ? (
          <Text className="value" id="certificate-date" style={{ display: 'block' }}>
            已进入轮候，持证日期 {formatDate(app.certificateDate)}
          </Text>
        ) : null}
      </View>

      <View className="card" id="application-history">
        <Text className="card-title">办理经过</Text>
        {app.history.map((h, i) => (
          <View key={i} className="row" id={`stage-${i}`}>
            <View>
              <Text className="value">{h.label}</Text>
              {h.note ? (
                <Text className="muted" style={{ display: 'block' }}>
                  {h.by ? `${h.by}：` : ''}
                  {h.note}
                </Text>
              ) : null}
            </View>
            <Text className="muted">{formatInstant(h.at)}</Text>
          </View>
        ))}
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
          <View className="chips">
            {(Object.keys(APPLICATION_DOCUMENTS) as ApplicationDocumentKind[]).map((k) => (
              <Text
                key={k}
                id={`supplement-kind-${k}`}
                className={kind === k ? 'chip chip-on' : 'chip'}
                onClick={() => setKind(k)}
              >
                {APPLICATION_DOCUMENTS[k]}
              </Text>
            ))}
          </View>
          <PhotoPicker photos={more} onChange={setMore} max={6} buttonId="add-supplement" />
          <Textarea
            id="supplement-note"
            className="field"
            maxlength={300}
            value={text}
            placeholder="补充说明（可选）"
            onInput={(e) => setText(e.detail.value)}
          />
          <Button
            className="btn"
            id="resubmit"
            disabled={busy}
            onClick={() =>
              void act('已重新提交', async () =>
                callFunction('allocation', 'resubmitApplication', {
                  applicationId: app.id,
                  note: text.trim(),
                  documents:
                    more.length > 0 ? [{ kind, fileIds: await uploadPhotos('application-doc', more) }] : [],
                }),
              )
            }
          >
            补充后重新提交
          </Button>
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
          <Textarea
            id="re-review-reason"
            className="field"
            maxlength={500}
            value={text}
            placeholder="请说明申请复核的理由"
            onInput={(e) => setText(e.detail.value)}
          />
          <Button
            className="btn"
            id="request-re-review"
            disabled={busy || !text.trim()}
            onClick={() =>
              void act('已申请复核', () =>
                callFunction('allocation', 'requestApplicationReReview', {
                  applicationId: app.id,
                  reason: text.trim(),
                }),
              )
            }
          >
            申请复核
          </Button>
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
        {app.documents.map((d) => (
          <View key={d.kind} className="row">
            <Text className="label">{APPLICATION_DOCUMENTS[d.kind as ApplicationDocumentKind]}</Text>
            <Text className="value">{d.count} 张</Text>
          </View>
        ))}
      </View>

      {err ? (
        <Text className="error" id="form-error">
          {err}
        </Text>
      ) : null}
      {app.canWithdraw ? (
        <Button
          className="btn-plain"
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
        </Button>
      ) : null}
    </Screen>
  );
}
