import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { checkEligibility } from '@shared/rules/eligibility.rule';
import { HOUSEHOLD_CATEGORY_LABELS, type HouseholdCategory } from '@shared/rules/household';
import { StatusTag } from './status-tag';
import { ChoiceChips } from './choice-chips';
import { FigureField } from './figure-field';

/**
 * 资格自测: the same rule the server applies (Ulanqab Art. 10–12), run instantly on what the applicant
 * types. Only a preview: the server decides from the verified household record.
 */
export function EligibilityPreview({
  categories,
  todayIso,
}: {
  categories: HouseholdCategory[];
  todayIso: string;
}) {
  const [category, setCategory] = useState<HouseholdCategory>(categories[0] ?? 'low_income');
  const [members, setMembers] = useState('3');
  const [income, setIncome] = useState('');
  const [area, setArea] = useState('0');
  const [birthYear, setBirthYear] = useState('1985');
  const size = Math.max(1, Math.floor(Number(members) || 1));
  const incomeFen = Math.round((Number(income) || 0) * 100);
  const year = Math.floor(Number(birthYear) || 1985);
  const result =
    income === ''
      ? null
      : checkEligibility(
          {
            category,
            applicantBirthDate: `${Math.min(Math.max(year, 1900), 2100)}-01-01`,
            members: size,
            monthlyIncomePerPersonFen: Math.round(incomeFen / size),
            ownedHomeAreaM2: Number(area) || 0,
            employmentMonths: 120,
            rentsLowRentUnit: false,
            publicRentalUnits: 0,
            lastDisqualifiedOn: null,
          },
          WUCHANG_PRESET,
          todayIso,
        );
  return (
    <View className="card" id="eligibility-preview">
      <Text className="card-title">资格自测（仅供参考）</Text>
      <View className="text-field">
        <Text className="field-label">保障类别</Text>
        <ChoiceChips
          label="保障类别"
          options={categories.map((c) => [c, HOUSEHOLD_CATEGORY_LABELS[c]] as const)}
          value={category}
          onChange={setCategory}
          idOf={(c) => `preview-category-${c}`}
        />
      </View>
      <FigureField id="preview-members" label="家庭人口" unit="人" value={members} onChange={setMembers} />
      <FigureField
        id="preview-income"
        label="家庭月收入"
        unit="元"
        decimals
        placeholder="例如：3000"
        value={income}
        onChange={setIncome}
      />
      <FigureField
        id="preview-area"
        label="本地自有住房面积"
        hint="没有自有住房填 0"
        unit="平方米"
        decimals
        value={area}
        onChange={setArea}
      />
      <FigureField
        id="preview-birth-year"
        label="申请人出生年份"
        unit="年"
        value={birthYear}
        onChange={setBirthYear}
      />
      {result === null ? (
        <Text className="muted">填写家庭月收入后即时显示预估结果。</Text>
      ) : result.eligible ? (
        <StatusTag id="preview-result" tone="ok" text="按填写的信息，符合申请条件。最终以审核结果为准。" />
      ) : (
        <View id="preview-result">
          {result.reasons.map((r) => (
            <Text className="error" key={r.code}>
              {r.message}（{r.clause}）
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
