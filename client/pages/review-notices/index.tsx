import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { newRequestId } from '../../utils/photo';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { TextField } from '../../components/text-field';

/**
 * 审核结果公示 (乌兰察布 第十三条 三公示): the results of each review running their notice period, with names and
 * ID numbers masked; anyone who opens the link may raise an objection, which the stage's reviewer answers in
 * writing. Each objection carries an id made when its form opened, so a retry is stored once.
 */
export default function ReviewNoticesPage() {
  const { data, error, reload } = useLoad(() => callFunction('allocation', 'reviewNotices', {}));
  const [open, setOpen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | null>(null);
  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const total = data.reduce((n, s) => n + s.entries.length, 0);

  const object = async (applicationId: string) => {
    if (!text.trim()) return setTextError('请写明异议的事实和理由。');
    if (!(await confirm('提出异议', '异议将转交审核人员核查并书面答复。确认提交？'))) return;
    setBusy(true);
    setErr(null);
    try {
      await callFunction('allocation', 'fileReviewObjection', {
        applicationId,
        clientRequestId: requestId,
        text: text.trim(),
      });
      toast('异议已提交', 'success');
      setOpen(null);
      setText('');
      setRequestId(newRequestId());
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen id="review-notices" title="审核结果公示">
      {total === 0 ? (
        <View className="card">
          <Empty text="目前没有正在公示的审核结果。审核通过的申请会在这里公示。" />
        </View>
      ) : null}
      {data
        .filter((s) => s.entries.length > 0)
        .map((s) => (
          <View className="card" key={s.state} id={`notice-${s.state}`}>
            <Text className="card-title">{s.stage}</Text>
            <Text className="muted" style={{ display: 'block' }}>
              依据：{s.clause}
            </Text>
            {s.entries.map((e) => (
              <View key={e.applicationId} className="member" id={`notice-entry-${e.applicationId}`}>
                <View className="row">
                  <Text className="value">
                    {e.headNameMasked} · {e.size} 人 · {e.categoryLabel}
                  </Text>
                  <Text className="muted">{e.idNumberMasked}</Text>
                </View>
                <Text className="muted">
                  公示期 {formatDate(e.startsOn)} 至 {formatDate(e.endsOn)}
                </Text>
                {open === e.applicationId ? (
                  <View>
                    <TextField
                      id="objection-text"
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
                    <NutButton
                      type="primary"
                      block
                      id="submit-objection"
                      loading={busy}
                      onClick={() => void object(e.applicationId)}
                    >
                      提交异议
                    </NutButton>
                  </View>
                ) : (
                  <NutButton
                    fill="outline"
                    id={`object-${e.applicationId}`}
                    onClick={() => {
                      setOpen(e.applicationId);
                      setTextError(null);
                    }}
                  >
                    对此提出异议
                  </NutButton>
                )}
              </View>
            ))}
          </View>
        ))}
      {err ? (
        <Text className="error" id="form-error">
          {err}
        </Text>
      ) : null}
    </Screen>
  );
}
