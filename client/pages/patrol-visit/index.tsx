import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { VISIT_FORM_VERSION, type VisitView } from '@shared/contracts';
import { PhotoPicker } from '../../components/photo-picker';
import { NotOnPhone, useOutboxForm } from '../../components/outbox-form';
import { rememberedVisit } from '../../services/patrol-cache';
import type { PickedPhoto } from '../../utils/photo';
import { confirm, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { FieldError, TextField } from '../../components/text-field';

type Outcome = 'visited' | 'nobody_home' | 'refused';
type Result = 'ok' | 'problem' | 'na';

const OUTCOMES: [Outcome, string][] = [
  ['visited', '已入户检查'],
  ['nobody_home', '无人在家'],
  ['refused', '拒绝入户'],
];
const RESULTS: [Result, string][] = [
  ['ok', '正常'],
  ['problem', '有问题'],
  ['na', '不适用'],
];
const MAX_PHOTOS = 6;
type Occupancy = 'lived_in' | 'vacant' | 'unsure';
/** 是否有人居住: the evidence of 连续未居住 the exit procedure counts from (乌兰察布 第三十二条(三)). */
const OCCUPANCY: [Occupancy, string][] = [
  ['lived_in', '有人居住'],
  ['vacant', '无人居住迹象'],
  ['unsure', '无法判断'],
];

/**
 * 走访记录 (武昌调研报告 二(三)三): the outcome, the checklist (gas, wiring, smoke alarm and extinguisher,
 * leaks, corridors and fire lanes, alterations, signs of vacancy or subletting) with an answer tapped for every
 * item (正常 / 有问题 / 不适用; none is preset, and the page lists those still unanswered), notes and photos. Saved on the
 * phone first with an id made when the page opened, then sent; "无人在家" schedules a second attempt on the
 * server. A problem found offers to report it as a hazard.
 */
export default function PatrolVisit() {
  const visitId = queryParam('id');
  const [visit] = useState<VisitView | null>(() => rememberedVisit(visitId));
  const [outcome, setOutcome] = useState<Outcome>('visited');
  // No item starts answered: the volunteer taps 正常 / 有问题 / 不适用 for each one (nothing defaults to 正常).
  const [results, setResults] = useState<Record<string, { result: Result; note: string }>>({});
  const [notes, setNotes] = useState('');
  const [occupancy, setOccupancy] = useState<Occupancy | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const { busy, error, setError, clientId, send } = useOutboxForm();
  // Errors under their own fields (issue #19): the refusal's notes, an item's problem, the checklist.
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  if (!visit) return <NotOnPhone what="这条走访任务" />;

  const setResult = (id: string, result: Result) =>
    setResults((r) => ({ ...r, [id]: { result, note: r[id]?.note ?? '' } }));
  const setNote = (id: string, note: string) =>
    setResults((r) => ({ ...r, [id]: { result: r[id]?.result ?? 'problem', note } }));
  const problems = visit.checklist.filter((c) => results[c.id]?.result === 'problem');
  const unanswered = visit.checklist.filter((c) => !results[c.id]);

  const save = async () => {
    setError(null);
    // Every field's error at once, each under its field.
    const wrong: Record<string, string> = {};
    // Asked on every home visit, whatever the outcome (a full mailbox shows through a closed door).
    if (visit.target === 'unit' && !occupancy)
      wrong.occupancy = '请选择这户是否有人居住（看不出来请选“无法判断”）。';
    if (outcome === 'refused' && notes.trim() === '') wrong.notes = '请在备注中说明拒绝入户的情况。';
    if (outcome === 'visited') {
      const missing = problems.find((c) => (results[c.id]?.note ?? '').trim() === '');
      if (unanswered.length > 0)
        wrong.checklist = `还有 ${unanswered.length} 项未选择检查结果：${unanswered.map((c) => c.label).join('、')}。请逐项选择“正常”“有问题”或“不适用”。`;
      else if (missing) wrong[missing.id] = `请说明“${missing.label}”发现的问题。`;
    }
    setFieldErrors(wrong);
    if (Object.keys(wrong).length > 0) return;
    const state = await send(
      {
        kind: 'logVisit',
        input: {
          clientLogId: clientId,
          visitId: visit.id,
          outcome,
          visitedAt: new Date().toISOString(),
          checklist:
            outcome === 'visited'
              ? visit.checklist.map((c) => ({
                  id: c.id,
                  result: (results[c.id] as { result: Result }).result, // every item answered (checked above)
                  note: (results[c.id]?.note ?? '').trim(),
                }))
              : [],
          notes: notes.trim(),
          ...(visit.target === 'unit' && occupancy ? { occupancy } : {}),
          form: VISIT_FORM_VERSION,
          photos: photos.map((p) => p.source), // uploaded by the outbox when it sends
        },
      },
      `${visit.label} ${OUTCOMES.find(([o]) => o === outcome)?.[1] ?? ''}`,
    );
    if (!state) return;
    if (state === 'sent') toast('已提交', 'success');
    else toast('已保存在手机上，联网后自动上传');
    if (outcome === 'visited' && problems.length > 0) {
      const report = await confirm(
        '发现问题',
        `有 ${problems.length} 项检查有问题，是否上报安全隐患？`,
        '上报隐患',
        '不用',
      );
      if (report) {
        const first = problems[0]!;
        const note = encodeURIComponent(results[first.id]?.note ?? '');
        await Taro.redirectTo({
          url: `/pages/hazard-new/index?visitId=${visit.id}&category=${first.id}&note=${note}`,
        });
        return;
      }
    }
    await Taro.navigateBack();
  };

  return (
    <Screen
      id="patrol-visit"
      title="走访记录"
      bottom={
        <NutButton type="primary" size="large" id="save-visit" loading={busy} onClick={() => void save()}>
          保存走访记录
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title" id="visit-label">
          {visit.specialCare ? <StatusTag tone="warn" text="关爱对象" /> : null}
          {visit.label}
        </Text>
        <Text className="muted">
          当前状态：{visit.statusLabel}
          {visit.attempts > 0 ? ` · 已走访 ${visit.attempts} 次` : ''}
        </Text>
      </View>
      <View className="card">
        <Text className="card-title">走访结果</Text>
        <ChoiceChips<Outcome>
          label="走访结果"
          options={OUTCOMES}
          value={outcome}
          onChange={(o) => {
            setOutcome(o);
            setFieldErrors({});
          }}
          idOf={(o) => `outcome-${o}`}
        />
        {outcome === 'nobody_home' ? <Text className="muted">保存后系统会安排再次走访。</Text> : null}
      </View>
      {visit.target === 'unit' ? (
        <View className="card" id="occupancy">
          <Text className="card-title">这户是否有人居住？</Text>
          <Text className="muted">看屋内或门外的情况：有无生活痕迹、信箱是否塞满、水电表是否在走。</Text>
          <ChoiceChips<Occupancy | null>
            label="这户是否有人居住"
            options={OCCUPANCY}
            value={occupancy}
            onChange={(o) => {
              setOccupancy(o);
              setFieldErrors(({ occupancy: _, ...rest }) => rest);
            }}
            idOf={(o) => `occupancy-${o}`}
          />
          <FieldError id="occupancy" error={fieldErrors.occupancy} />
        </View>
      ) : null}
      {outcome === 'visited' ? (
        <View className="card" id="checklist">
          <Text className="card-title">检查项目</Text>
          <Text className={unanswered.length ? 'check-pending' : 'muted'} id="checklist-progress">
            {unanswered.length
              ? `已检查 ${visit.checklist.length - unanswered.length}/${visit.checklist.length} 项，还未选择：${unanswered.map((c) => c.label).join('、')}`
              : `${visit.checklist.length} 项均已选择检查结果`}
          </Text>
          <FieldError id="checklist" error={fieldErrors.checklist} />
          {visit.checklist.map((c) => (
            <View key={c.id} className="check-item" id={`check-${c.id}`}>
              <Text className="value">
                {c.label}{' '}
                {results[c.id] ? null : (
                  <StatusTag tone="warn" id={`check-${c.id}-unanswered`} text="未选择" />
                )}
              </Text>
              <ChoiceChips<Result | undefined>
                label={`${c.label}的检查结果`}
                options={RESULTS}
                value={results[c.id]?.result}
                onChange={(res) => {
                  if (res) setResult(c.id, res);
                  setFieldErrors((f) => ({ ...f, checklist: '' }));
                }}
                idOf={(res) => `check-${c.id}-${res}`}
                toneOf={(res) => `chip-${res}`}
              />
              {results[c.id]?.result === 'problem' ? (
                <TextField
                  id={`check-${c.id}-note`}
                  label={`${c.label}发现的问题`}
                  required
                  maxLength={200}
                  value={results[c.id]?.note ?? ''}
                  placeholder="发现了什么问题"
                  error={fieldErrors[c.id]}
                  onChange={(text) => {
                    setNote(c.id, text);
                    setFieldErrors((f) => ({ ...f, [c.id]: '' }));
                  }}
                />
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <View className="card">
        <Text className="card-title">备注与照片</Text>
        <TextField
          id="visit-notes"
          label={outcome === 'refused' ? '备注' : '备注（选填）'}
          required={outcome === 'refused'}
          multiline
          maxLength={500}
          value={notes}
          placeholder={outcome === 'refused' ? '请说明拒绝入户的情况' : '其他情况'}
          error={fieldErrors.notes}
          onChange={(text) => {
            setNotes(text);
            setFieldErrors((f) => ({ ...f, notes: '' }));
          }}
        />
        <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_PHOTOS} buttonId="add-visit-photos" />
      </View>
      {error ? (
        <Text className="error" id="form-error">
          {error}
        </Text>
      ) : null}
      <NutButton
        fill="outline"
        size="large"
        block
        id="report-hazard"
        onClick={() => void Taro.navigateTo({ url: `/pages/hazard-new/index?visitId=${visit.id}` })}
      >
        上报安全隐患
      </NutButton>
    </Screen>
  );
}
