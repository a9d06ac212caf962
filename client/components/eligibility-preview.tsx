import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { checkEligibility } from '@shared/rules/eligibility.rule';
import { HOUSEHOLD_CATEGORY_LABELS, type HouseholdCategory } from '@shared/rules/household';

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
      <View>
        {categories.map((c) => (
          <Text
            key={c}
            className="tag"
            style={{ opacity: c === category ? 1 : 0.4 }}
            onClick={() => setCategory(c)}
          >
            {HOUSEHOLD_CATEGORY_LABELS[c]}
          </Text>
        ))}
      </View>
      <Input
        className="field"
        type="number"
        placeholder="家庭人口"
        value={members}
        onInput={(e) => setMembers(e.detail.value)}
      />
      <Input
        className="field"
        id="preview-income"
        type="digit"
        placeholder="家庭月收入（元）"
        value={income}
        onInput={(e) => setIncome(e.detail.value)}
      />
      <Input
        className="field"
        type="digit"
        placeholder="本地自有住房面积（㎡）"
        value={area}
        onInput={(e) => setArea(e.detail.value)}
      />
      <Input
        className="field"
        type="number"
        placeholder="申请人出生年份"
        value={birthYear}
        onInput={(e) => setBirthYear(e.detail.value)}
      />
      {result === null ? (
        <Text className="muted">填写家庭月收入后即时显示预估结果。</Text>
      ) : result.eligible ? (
        <Text className="tag" id="preview-result">
          按填写的信息，符合申请条件。最终以审核结果为准。
        </Text>
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
