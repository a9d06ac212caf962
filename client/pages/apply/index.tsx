import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  APPLICATION_DOCUMENTS,
  missingItems,
  requiredDocuments,
  type ApplicationDocumentKind,
} from '@shared/rules/application.rule';
import {
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CATEGORY_LABELS,
  NEEDS_EMPLOYMENT_DURATION,
  type HouseholdCategory,
} from '@shared/rules/household';
// The checklist's messages are the same in every district; the function checks again with its own policy.
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import { PhotoPicker } from '../../components/photo-picker';
import { PrivacyNotice } from '../../components/privacy-notice';
import { ErrorState, Loading } from '../../components/status-view';
import { useLoad } from '../../utils/use-load';
import { callFunction } from '../../services/call';
import { uploadPhotos } from '../../services/upload';
import { parseYuan } from '../../utils/format';
import { newRequestId, type PickedPhoto } from '../../utils/photo';
import { confirm, errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton } from '../../components/nut';
import { FieldError, TextField } from '../../components/text-field';
import { FigureField } from '../../components/figure-field';

interface Member {
  name: string;
  relation: string;
  idNumber: string;
  income: string;
}
const emptyMember = (relation: string): Member => ({ name: '', relation, idNumber: '', income: '' });

/**
 * 申请公租房 (乌兰察布 第十二条、第十三条): household members with their incomes, current housing, category and
 * photos of the certificates, uploaded through cloud storage. The checklist of what is still missing is the
 * same rule the function applies (application.rule.ts missingItems), so the applicant sees it before
 * submitting. The submission carries an id made when the page opened: a retry is stored once.
 */
export default function ApplyPage() {
  const consent = useLoad(() => callFunction('account', 'myData', {}));
  const [agreeing, setAgreeing] = useState(false);
  if (consent.error && !consent.data)
    return <ErrorState message={consent.error} onRetry={() => void consent.reload()} />;
  if (!consent.data) return <Loading />;
  const agreed = (k: 'personal' | 'sensitive') =>
    consent.data?.consents[k]?.version === PRIVACY_NOTICE.version;
  if (agreed('personal') && agreed('sensitive')) return <ApplyForm />;
  // ID numbers and incomes are sensitive personal information: both notices are agreed to first (as binding).
  const agree = async (kind: 'personal' | 'sensitive') => {
    setAgreeing(true);
    try {
      await callFunction('account', 'consent', { kind, version: PRIVACY_NOTICE.version });
      await consent.reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setAgreeing(false);
    }
  };
  return (
    <Screen id="apply-consent" title="申请公租房">
      <PrivacyNotice
        kind="personal"
        agreed={agreed('personal')}
        busy={agreeing}
        onAgree={() => void agree('personal')}
      />
      <PrivacyNotice
        kind="sensitive"
        agreed={agreed('sensitive')}
        busy={agreeing}
        onAgree={() => void agree('sensitive')}
      />
    </Screen>
  );
}

function ApplyForm() {
  const [category, setCategory] = useState<HouseholdCategory | null>(null);
  const [members, setMembers] = useState<Member[]>([emptyMember('本人')]);
  const [area, setArea] = useState('0');
  const [housing, setHousing] = useState('');
  const [employment, setEmployment] = useState('');
  const [photos, setPhotos] = useState<Partial<Record<ApplicationDocumentKind, PickedPhoto[]>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);
  // After the first tap on 提交, each missing item also shows under its own field (issue #19).
  const [tried, setTried] = useState(false);

  const needsEmployment = category !== null && NEEDS_EMPLOYMENT_DURATION.includes(category);
  const filled = members.filter((m) => m.name.trim() && m.idNumber.trim());
  const missing = missingItems(
    {
      category,
      members: filled.map((m) => ({ ...m, annualIncomeFen: parseYuan(m.income || '0') ?? 0 })),
      housing: { ownedHomeAreaM2: Number(area) || 0, description: housing },
      employmentMonths: needsEmployment ? (employment ? Number(employment) : null) : null,
      documents: Object.entries(photos).map(([kind, list]) => ({
        kind: kind as ApplicationDocumentKind,
        count: list?.length ?? 0,
      })),
    },
    WUCHANG_PRESET,
  );
  const setMember = (i: number, patch: Partial<Member>) =>
    setMembers(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  /** What the checklist says is missing for a field, once 提交 has been tapped. */
  const fieldError = (...codes: string[]) =>
    tried ? missing.find((x) => codes.includes(x.code))?.message : undefined;

  const submit = async () => {
    setTried(true);
    if (!category || missing.length > 0) return setError('请先补全清单中缺少的内容。');
    setError(null);
    if (!(await confirm('确认提交', '提交后由社区初审，审核结果将公示。确认提交申请？'))) return;
    setBusy(true);
    try {
      const documents = [];
      for (const kind of requiredDocuments(category))
        documents.push({ kind, fileIds: await uploadPhotos('application-doc', photos[kind] ?? []) });
      await callFunction('allocation', 'submitApplication', {
        clientRequestId: requestId,
        category,
        members: filled.map((m) => ({
          name: m.name.trim(),
          relation: m.relation.trim(),
          idNumber: m.idNumber.trim(),
          annualIncomeFen: parseYuan(m.income || '0') ?? 0,
        })),
        housing: { ownedHomeAreaM2: Number(area) || 0, description: housing.trim() },
        employmentMonths: needsEmployment ? Number(employment) || 0 : null,
        documents,
      });
      toast('已提交', 'success');
      await Taro.redirectTo({ url: '/pages/application/index' });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen
      id="apply"
      title="申请公租房"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="submit-application"
          loading={busy}
          onClick={() => void submit()}
        >
          提交申请
        </NutButton>
      }
    >
      <View className="card">
        <Text className="card-title">申请类别</Text>
        <ChoiceChips<HouseholdCategory | null>
          label="申请类别"
          options={HOUSEHOLD_CATEGORIES.map((c) => [c, HOUSEHOLD_CATEGORY_LABELS[c]] as const)}
          value={category}
          onChange={setCategory}
          idOf={(c) => `category-${c}`}
        />
        <FieldError id="category" error={fieldError('MISSING_CATEGORY')} />
      </View>
      <View className="card">
        <Text className="card-title">家庭成员及上年收入</Text>
        {members.map((m, i) => (
          <View key={i} className="member">
            <Text className="value">{i === 0 ? '申请人本人' : `家庭成员 ${i + 1}`}</Text>
            <TextField
              id={`member-${i}-name`}
              label="姓名"
              maxLength={30}
              value={m.name}
              onChange={(text) => setMember(i, { name: text })}
            />
            <TextField
              id={`member-${i}-relation`}
              label="与申请人关系"
              maxLength={10}
              placeholder="本人、配偶、子女…"
              value={m.relation}
              onChange={(text) => setMember(i, { relation: text })}
            />
            <TextField
              id={`member-${i}-id`}
              label="身份证号码"
              type="idcard"
              maxLength={18}
              value={m.idNumber}
              onChange={(text) => setMember(i, { idNumber: text })}
            />
            <FigureField
              id={`member-${i}-income`}
              label="上年收入"
              unit="元"
              decimals
              value={m.income}
              onChange={(text) => setMember(i, { income: text })}
            />
            {i > 0 ? (
              <NutButton
                fill="outline"
                id={`member-${i}-remove`}
                onClick={() => setMembers(members.filter((_, j) => j !== i))}
              >
                删除此成员
              </NutButton>
            ) : null}
          </View>
        ))}
        <FieldError id="members" error={fieldError('MISSING_MEMBERS', 'MISSING_HEAD')} />
        {members.length < 12 ? (
          <NutButton
            fill="outline"
            block
            id="add-member"
            onClick={() => setMembers([...members, emptyMember('')])}
          >
            添加家庭成员
          </NutButton>
        ) : null}
      </View>
      <View className="card">
        <Text className="card-title">现住房情况</Text>
        <FigureField
          id="owned-area"
          label="本地自有住房面积"
          hint="没有自有住房填 0"
          unit="平方米"
          decimals
          value={area}
          onChange={setArea}
        />
        <TextField
          id="housing-description"
          label="现住房说明"
          multiline
          maxLength={200}
          value={housing}
          placeholder="例如：租住私房，无自有住房"
          error={fieldError('MISSING_HOUSING')}
          onChange={setHousing}
        />
        {needsEmployment ? (
          <FigureField
            id="employment-months"
            label="在本地稳定就业的时长"
            unit="个月"
            value={employment}
            error={fieldError('MISSING_EMPLOYMENT')}
            onChange={setEmployment}
          />
        ) : null}
      </View>
      <View className="card">
        <Text className="card-title">证明材料（拍照上传）</Text>
        {requiredDocuments(category).map((kind) => (
          <View key={kind} id={`doc-${kind}`}>
            <Text className="label">{APPLICATION_DOCUMENTS[kind]}</Text>
            <PhotoPicker
              photos={photos[kind] ?? []}
              onChange={(next) => setPhotos({ ...photos, [kind]: next })}
              max={6}
              buttonId={`add-doc-${kind}`}
            />
            <FieldError id={`doc-${kind}`} error={fieldError(`MISSING_DOC_${kind.toUpperCase()}`)} />
          </View>
        ))}
      </View>
      <View className="card" id="checklist">
        <Text className="card-title">提交前检查</Text>
        {missing.length === 0 ? (
          <Text className="value" id="checklist-ready">
            材料已齐全，可以提交。
          </Text>
        ) : (
          missing.map((m) => (
            <Text key={m.code} className="error" id={`missing-${m.code}`} style={{ display: 'block' }}>
              {m.message}
            </Text>
          ))
        )}
      </View>
      {error ? (
        <Text className="error" id="form-error">
          {error}
        </Text>
      ) : null}
    </Screen>
  );
}
