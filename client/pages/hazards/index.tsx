import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { HazardView } from '@shared/contracts';
import { PhotoPicker } from '../../components/photo-picker';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadPhotos } from '../../services/upload';
import type { PickedPhoto } from '../../utils/photo';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';
import { CallTenant } from '../../components/call-tenant';
import { personName } from '../../utils/period';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton } from '../../components/nut';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { FieldError, TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

const STATUS_TONES: Record<Status, StatusTone> = {
  open: 'bad',
  assigned: 'warn',
  rectified: 'warn',
  closed: 'ok',
};

type Status = HazardView['status'];
const FILTERS: [Status | 'all' | 'overdue', string][] = [
  ['all', '全部'],
  ['overdue', '已超期'],
  ['open', '待派单'],
  ['assigned', '整改中'],
  ['rectified', '待复查'],
  ['closed', '已销号'],
];
const QUICK_ASSIGNEES = ['住户本人', '物业维修班', '燃气公司', '供电公司'];

/** One hazard's actions: assign (manager), rectify with after-photos (assignee or manager), recheck (manager). */
function HazardActions({ h, manager, onDone }: { h: HazardView; manager: boolean; onDone: () => void }) {
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  // Each missing field says so under itself (issue #19), not in a toast.
  const [fieldErrors, setFieldErrors] = useState<{ assignee?: string; note?: string; photos?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await what();
      toast(done, 'success');
      onDone();
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const showPhoto = async (which: 'before' | 'after') => {
    try {
      const p = await callFunction('patrol', 'hazardPhoto', { hazardId: h.id, which, index: 0 });
      setPhoto(p.url); // a temporary address of the stored photo
    } catch (err) {
      toast(errorText(err));
    }
  };

  return (
    <View className="hazard-actions">
      {h.events.map((e, i) => (
        <View className="timeline-item" key={i}>
          <Text className="value">{e.action}</Text>
          <Text className="muted" style={{ display: 'block' }}>
            {formatInstant(e.at)} · {personName(e.actorName)}
            {e.note ? ` · ${e.note}` : ''}
          </Text>
        </View>
      ))}
      <View className="row">
        {h.photos > 0 ? (
          <NutButton fill="outline" id={`before-photo-${h.id}`} onClick={() => void showPhoto('before')}>
            隐患照片（{h.photos}）
          </NutButton>
        ) : null}
        {h.afterPhotos > 0 ? (
          <NutButton fill="outline" id={`after-photo-${h.id}`} onClick={() => void showPhoto('after')}>
            整改后照片（{h.afterPhotos}）
          </NutButton>
        ) : null}
      </View>
      {photo ? <Image className="hazard-photo" src={photo} mode="widthFix" /> : null}
      {h.inHome && h.status !== 'closed' ? (
        <CallTenant id={`call-tenant-${h.id}`} of={{ hazardId: h.id }} />
      ) : null}

      {manager && (h.status === 'open' || h.status === 'assigned') ? (
        <View>
          <Text className="label">{h.status === 'open' ? '派给整改责任人' : '改派'}</Text>
          <ChoiceChips<string>
            label="整改责任人"
            options={QUICK_ASSIGNEES.map((a) => [a, a] as const)}
            value={assignee}
            onChange={(a) => {
              setAssignee(a);
              setFieldErrors((f) => ({ ...f, assignee: undefined }));
            }}
          />
          <TextField
            id={`assignee-${h.id}`}
            label="责任人或单位名称"
            maxLength={40}
            value={assignee}
            placeholder="点上面的选项，或填写其他责任人"
            error={fieldErrors.assignee}
            onChange={(text) => {
              setAssignee(text);
              setFieldErrors((f) => ({ ...f, assignee: undefined }));
            }}
          />
          <NutButton
            type="primary"
            block
            id={`assign-${h.id}`}
            loading={busy}
            onClick={() =>
              assignee.trim()
                ? void run(
                    () =>
                      callFunction('patrol', 'assignHazard', {
                        hazardId: h.id,
                        assigneeName: assignee.trim(),
                        note: '',
                      }),
                    '已派单',
                  )
                : setFieldErrors({ assignee: '请填写整改责任人。' })
            }
          >
            派单
          </NutButton>
        </View>
      ) : null}

      {h.status === 'assigned' ? (
        <View>
          <Text className="label">登记整改结果</Text>
          <TextField
            id={`rectify-note-${h.id}`}
            label="整改情况"
            required
            multiline
            maxLength={300}
            value={note}
            placeholder="例如：已更换燃气软管"
            error={fieldErrors.note}
            onChange={(text) => {
              setNote(text);
              setFieldErrors((f) => ({ ...f, note: undefined }));
            }}
          />
          <PhotoPicker
            photos={photos}
            onChange={(next) => {
              setPhotos(next);
              setFieldErrors((f) => ({ ...f, photos: undefined }));
            }}
            max={6}
            buttonId={`after-photos-${h.id}`}
            buttonText="添加整改后照片"
          />
          <FieldError id={`after-photos-${h.id}`} error={fieldErrors.photos} />
          <NutButton
            type="primary"
            block
            id={`rectify-${h.id}`}
            loading={busy}
            onClick={() => {
              const missing = {
                note: note.trim() ? undefined : '请填写整改情况。',
                photos: photos.length === 0 ? '请至少添加一张整改后照片。' : undefined,
              };
              setFieldErrors(missing);
              if (missing.note || missing.photos) return;
              void run(
                async () =>
                  callFunction('patrol', 'rectifyHazard', {
                    hazardId: h.id,
                    note: note.trim(),
                    afterPhotos: await uploadPhotos('hazard-photo', photos),
                  }),
                '已登记整改，等待复查',
              );
            }}
          >
            提交整改
          </NutButton>
        </View>
      ) : null}

      {manager && h.status === 'rectified' ? (
        <View>
          <Text className="label">复查</Text>
          <TextField
            id={`recheck-note-${h.id}`}
            label="复查意见"
            hint="不通过时必填，写明还要怎样整改。"
            maxLength={300}
            value={note}
            placeholder="例如：软管已更换，卡箍未拧紧"
            error={fieldErrors.note}
            onChange={(text) => {
              setNote(text);
              setFieldErrors((f) => ({ ...f, note: undefined }));
            }}
          />
          <NutButton
            type="primary"
            block
            id={`recheck-pass-${h.id}`}
            loading={busy}
            onClick={() =>
              void confirm('复查通过', '确认隐患已消除并销号？销号后不能再修改。').then(async (ok) => {
                if (!ok) return;
                await run(
                  () =>
                    callFunction('patrol', 'recheckHazard', {
                      hazardId: h.id,
                      passed: true,
                      note: note.trim(),
                    }),
                  '已销号',
                );
              })
            }
          >
            复查通过，销号
          </NutButton>
          <NutButton
            fill="outline"
            block
            id={`recheck-fail-${h.id}`}
            disabled={busy}
            onClick={() =>
              note.trim()
                ? void run(
                    () =>
                      callFunction('patrol', 'recheckHazard', {
                        hazardId: h.id,
                        passed: false,
                        note: note.trim(),
                      }),
                    '已退回重新整改',
                  )
                : setFieldErrors({ note: '请填写不通过的原因。' })
            }
          >
            不通过，退回整改
          </NutButton>
        </View>
      ) : null}
      {failure ? (
        <Text className="error" id={`hazard-error-${h.id}`}>
          {failure}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * 隐患整改 (武昌调研报告 二(三)三: 发现隐患及时整改): hazards as rectification tasks with deadlines by
 * severity, overdue ones first and in red; managers assign, record the rectification with after-photos and
 * recheck; an assignee sees what is assigned to them, a volunteer what they reported.
 */
export default function Hazards() {
  const [filter, setFilter] = useState<Status | 'all' | 'overdue'>('all');
  const [open, setOpen] = useState<string | null>(null);
  const { data, error, reload } = useLoad(async () => {
    const [list, me] = await Promise.all([
      callFunction('patrol', 'hazards', {}),
      callFunction('account', 'me', {}),
    ]);
    return { list, roles: me.user.roles };
  });

  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const { list, roles } = data;
  const manager = roles.includes('manager') || roles.includes('admin');
  const shown = list.filter((h) =>
    filter === 'all' ? true : filter === 'overdue' ? h.overdue : h.status === filter,
  );
  const overdue = list.filter((h) => h.overdue).length;
  return (
    <Screen id="hazards" title="隐患整改" tab="hazards">
      <View className="card">
        <View className="stats">
          <View className="stat">
            <Text className="stat-value" id="hazards-open">
              {list.filter((h) => h.status !== 'closed').length}
            </Text>
            <Text className="muted">未销号</Text>
          </View>
          <View className="stat">
            <Text className={overdue > 0 ? 'stat-value warn' : 'stat-value'} id="hazards-overdue">
              {overdue}
            </Text>
            <Text className="muted">已超期</Text>
          </View>
        </View>
        <ChoiceChips
          label="按状态查看"
          options={FILTERS}
          value={filter}
          onChange={setFilter}
          idOf={(f) => `hazard-filter-${f}`}
        />
      </View>
      {shown.length === 0 ? (
        <View className="card">
          <Empty text="没有这类隐患。巡查中上报的隐患会出现在这里。" />
        </View>
      ) : (
        shown.map((h) => (
          <View key={h.id} className={`card${h.overdue ? ' overdue' : ''}`} id={`hazard-${h.id}`}>
            <View
              role="button"
              aria-expanded={open === h.id}
              {...pressable()}
              onClick={() => setOpen(open === h.id ? null : h.id)}
            >
              <View className="row">
                <Text className="value">
                  <StatusTag tone={h.severity === 'minor' ? 'info' : 'bad'} text={h.severityLabel} />
                  {h.category}
                </Text>
                <StatusTag tone={STATUS_TONES[h.status]} text={h.statusLabel} />
              </View>
              <Text className="repair-desc">{h.description}</Text>
            </View>
            <Text className="muted" style={{ display: 'block' }}>
              {h.projectName} {h.location} · {h.reporterName} {formatInstant(h.reportedAt)} 上报
            </Text>
            <Text className={h.overdue ? 'muted overdue-text' : 'muted'} style={{ display: 'block' }}>
              {h.overdue ? '已超期 · ' : ''}整改期限 {formatInstant(h.deadline)}
              {h.assigneeName ? ` · 责任人 ${h.assigneeName}` : ''}
            </Text>
            {open === h.id ? (
              <HazardActions h={h} manager={manager} onDone={() => void reload()} />
            ) : (
              <NutButton fill="outline" block id={`open-${h.id}`} onClick={() => setOpen(h.id)}>
                {h.status === 'closed' ? '查看记录' : '处理'}
              </NutButton>
            )}
          </View>
        ))
      )}
    </Screen>
  );
}
