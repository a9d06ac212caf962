import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  REPAIR_CATEGORIES,
  REPAIR_CATEGORY_LABELS,
  type RepairCategory,
} from '@shared/rules/repair-deadline.rule';
import { callFunction } from '../../services/call';
import { uploadPhotos } from '../../services/upload';
import { PhotoPicker } from '../../components/photo-picker';
import { newRequestId, type PickedPhoto } from '../../utils/photo';
import { confirm, errorText, notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { markJustDone } from '../../utils/just-done';
import { Button as NutButton } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { FieldError, TextField } from '../../components/text-field';

const MAX_PHOTOS = 9;

/**
 * 提交报修 / 困难求助: category, description, up to 9 photos compressed on the phone, the emergency flag
 * (with the warning to phone for gas leaks and fire), preferred visiting times. The submission carries an id
 * made when the page opened, so a retry after a network failure is stored once.
 */
export default function RepairNew() {
  const kind = queryParam('kind') === 'help' ? 'help' : 'repair';
  const [category, setCategory] = useState<RepairCategory | null>(kind === 'help' ? 'other' : null);
  const [description, setDescription] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [preferredTimes, setPreferredTimes] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ category?: string; description?: string }>({});
  const [requestId] = useState(newRequestId);

  const toggleEmergency = async (on: boolean) => {
    if (on) {
      void notice(
        '紧急报修',
        '如遇燃气泄漏、火情或触电危险，请立即离开危险区域并拨打 119 或燃气抢修电话，再在此报修。',
        '知道了',
      );
    }
    setEmergency(on);
  };

  const submit = async () => {
    // Each missing field says so under itself (issue #19), not in one toast.
    const missing = {
      category: category ? undefined : '请选择报修类别。',
      description:
        description.trim().length === 0
          ? kind === 'help'
            ? '请说明需要的帮助。'
            : '请描述问题。'
          : undefined,
    };
    setFieldErrors(missing);
    if (!category || missing.description) return;
    setError(null);
    if (!(await confirm('确认提交', kind === 'help' ? '提交困难求助？' : '提交报修？物业管家会尽快处理。')))
      return;
    setBusy(true);
    try {
      const r = await callFunction('repair', 'file', {
        kind,
        category,
        description: description.trim(),
        emergency,
        preferredTimes: preferredTimes.trim(),
        photos: await uploadPhotos('repair-photo', photos),
        clientRequestId: requestId,
      });
      toast('已提交', 'success');
      markJustDone(`repair:${r.id}`);
      await Taro.redirectTo({ url: `/pages/repair/index?id=${r.id}` });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen
      id="repair-new"
      title={kind === 'help' ? '困难求助' : '提交报修'}
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="submit-repair"
          loading={busy}
          onClick={() => void submit()}
        >
          提交{kind === 'help' ? '求助' : '报修'}
        </NutButton>
      }
    >
      {kind === 'repair' ? (
        <View className="card">
          <Text className="card-title">报修类别</Text>
          <ChoiceChips<RepairCategory | null>
            label="报修类别"
            options={REPAIR_CATEGORIES.map((c) => [c, REPAIR_CATEGORY_LABELS[c]] as const)}
            value={category}
            onChange={(c) => {
              setCategory(c);
              setFieldErrors((f) => ({ ...f, category: undefined }));
            }}
            idOf={(c) => `category-${c}`}
          />
          <FieldError id="category" error={fieldErrors.category} />
        </View>
      ) : null}
      <View className="card">
        <TextField
          id="description"
          label={kind === 'help' ? '需要什么帮助' : '问题描述'}
          required
          multiline
          maxLength={500}
          value={description}
          placeholder={
            kind === 'help' ? '例如：家中老人行动不便，需要帮忙…' : '例如：卫生间水管漏水，地面有积水'
          }
          error={fieldErrors.description}
          onChange={(text) => {
            setDescription(text);
            setFieldErrors((f) => ({ ...f, description: undefined }));
          }}
        />
        <TextField
          id="preferred-times"
          label="方便上门的时间（选填）"
          maxLength={100}
          value={preferredTimes}
          placeholder="例如：工作日晚上 6 点后"
          onChange={setPreferredTimes}
        />
      </View>
      <View className="card">
        <Text className="card-title">是否紧急</Text>
        <ChoiceChips
          id="emergency"
          label="是否紧急"
          options={[
            [false, '一般'],
            [true, '紧急（24 小时内处理）'],
          ]}
          value={emergency}
          onChange={(on) => void toggleEmergency(on)}
          idOf={(on) => (on ? 'emergency-on' : 'emergency-off')}
          toneOf={(on) => (on ? 'chip-danger' : undefined)}
        />
        {emergency ? (
          <Text className="error" id="emergency-warning">
            紧急报修将在 24 小时内处理。燃气泄漏、火情请先拨打 119 或燃气抢修电话！
          </Text>
        ) : null}
      </View>
      <View className="card">
        <Text className="card-title">照片</Text>
        <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_PHOTOS} buttonId="add-photos" />
        <Text className="muted" style={{ display: 'block' }}>
          照片会在手机上压缩后上传，每张不超过 2 MB。
        </Text>
      </View>
      {error ? (
        <Text className="error" id="form-error">
          {error}
        </Text>
      ) : null}
    </Screen>
  );
}
