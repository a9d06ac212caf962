import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  HAZARD_SEVERITIES,
  HAZARD_SEVERITY_LABELS,
  HOME_VISIT_CHECKLIST,
  PUBLIC_AREA_CHECKLIST,
  type HazardSeverity,
} from '@shared/rules/patrol.rule';
import { PhotoPicker } from '../../components/photo-picker';
import { NotOnPhone, useOutboxForm } from '../../components/outbox-form';
import { rememberedVisit } from '../../services/patrol-cache';
import type { PickedPhoto } from '../../utils/photo';
import { notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton } from '../../components/nut';
import { FieldError, TextField } from '../../components/text-field';

/** Standard checklist items go by id (the server labels them); a seasonal item or 其他 by its label. */
const STANDARD_IDS = new Set<string>([...HOME_VISIT_CHECKLIST, ...PUBLIC_AREA_CHECKLIST].map((c) => c.id));

const SEVERITY_HINTS: Record<HazardSeverity, string> = {
  immediate: '可能马上造成伤亡或火灾，例如燃气泄漏、电线冒烟。提交后立即通知物业管家。',
  serious: '需要尽快整改，例如消防通道被占用、灭火器失效。',
  minor: '可以按计划整改，例如楼道杂物、照明损坏。',
};

/**
 * 上报安全隐患: found on a visit (the place comes from the visit), with a category from the visit's
 * checklist, severity (立即危险 / 严重隐患 / 一般隐患), description, location and photos. Saved on the phone
 * first like a visit log; an immediate danger also tells the volunteer to phone the manager, since an
 * offline report reaches nobody until the network returns.
 */
export default function HazardNew() {
  const visitId = queryParam('visitId');
  const visit = rememberedVisit(visitId);
  const [category, setCategory] = useState(queryParam('category') || '');
  const [severity, setSeverity] = useState<HazardSeverity | null>(null);
  const [description, setDescription] = useState(queryParam('note'));
  const [location, setLocation] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const { busy, error, clientId, send } = useOutboxForm();
  const [fieldErrors, setFieldErrors] = useState<{
    category?: string;
    severity?: string;
    description?: string;
  }>({});

  const categories = [...(visit?.checklist ?? []), { id: 'other', label: '其他' }];
  if (!visit) return <NotOnPhone what="对应的走访任务" />;

  const pickSeverity = (s: HazardSeverity) => {
    setSeverity(s);
    setFieldErrors((f) => ({ ...f, severity: undefined }));
    if (s === 'immediate')
      void notice(
        '立即危险',
        '请先确保人员安全：燃气泄漏请开窗、勿开关电器，火情请拨打 119，并电话通知物业管家。',
        '知道了',
      );
  };

  const report = async () => {
    // Each missing field says so under itself (issue #19).
    const missing = {
      category: category ? undefined : '请选择隐患类别。',
      severity: severity ? undefined : '请选择严重程度。',
      description: description.trim() === '' ? '请描述隐患情况。' : undefined,
    };
    setFieldErrors(missing);
    if (!severity || missing.category || missing.description) return;
    const state = await send(
      {
        kind: 'reportHazard',
        input: {
          clientHazardId: clientId,
          visitId: visit.id,
          location: location.trim(),
          category: STANDARD_IDS.has(category)
            ? category
            : (categories.find((c) => c.id === category)?.label ?? '其他'),
          severity,
          description: description.trim(),
          reportedAt: new Date().toISOString(),
          photos: photos.map((p) => p.source), // uploaded by the outbox when it sends
        },
      },
      `${visit.label} ${HAZARD_SEVERITY_LABELS[severity]}`,
    );
    if (!state) return;
    if (state === 'saved' && severity === 'immediate') {
      await notice(
        '尚未送达',
        '网络不可用，隐患已保存在手机上，联网后自动上报。立即危险请马上电话通知物业管家！',
      );
    } else if (state === 'sent') {
      toast(severity === 'immediate' ? '已上报，已通知物业管家' : '已上报', 'success');
    } else {
      toast('已保存在手机上，联网后自动上报');
    }
    await Taro.navigateBack();
  };

  return (
    <Screen
      id="hazard-new"
      title="上报安全隐患"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="submit-hazard"
          loading={busy}
          onClick={() => void report()}
        >
          上报隐患
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">{visit.label}</Text>
        <TextField
          id="hazard-location"
          label="具体位置（选填）"
          maxLength={60}
          value={location}
          placeholder="例如：厨房燃气表旁"
          onChange={setLocation}
        />
      </View>
      <View className="card">
        <Text className="card-title">隐患类别</Text>
        <ChoiceChips
          label="隐患类别"
          options={categories.map((c) => [c.id, c.label] as const)}
          value={category}
          onChange={(c) => {
            setCategory(c);
            setFieldErrors((f) => ({ ...f, category: undefined }));
          }}
          idOf={(c) => `hazard-category-${c}`}
        />
        <FieldError id="hazard-category" error={fieldErrors.category} />
      </View>
      <View className="card">
        <Text className="card-title">严重程度</Text>
        <ChoiceChips<HazardSeverity | null>
          label="严重程度"
          options={HAZARD_SEVERITIES.map((sv) => [sv, HAZARD_SEVERITY_LABELS[sv]] as const)}
          value={severity}
          onChange={(sv) => sv && pickSeverity(sv)}
          idOf={(sv) => `severity-${sv}`}
          toneOf={(sv) => (sv === 'immediate' ? 'chip-danger' : undefined)}
        />
        <FieldError id="severity" error={fieldErrors.severity} />
        {severity ? <Text className="muted">{SEVERITY_HINTS[severity]}</Text> : null}
      </View>
      <View className="card">
        <TextField
          id="hazard-description"
          label="隐患描述"
          multiline
          maxLength={500}
          value={description}
          placeholder="例如：燃气软管老化开裂"
          error={fieldErrors.description}
          onChange={(text) => {
            setDescription(text);
            setFieldErrors((f) => ({ ...f, description: undefined }));
          }}
        />
        <PhotoPicker photos={photos} onChange={setPhotos} max={6} buttonId="add-hazard-photos" />
      </View>
      {error ? (
        <Text className="error" id="form-error">
          {error}
        </Text>
      ) : null}
    </Screen>
  );
}
