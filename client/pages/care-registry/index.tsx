import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput, CareView, MeResult } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { formatDate } from '../../utils/format';
import { Screen } from '../../components/screen';
import { ChoiceChips } from '../../components/choice-chips';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { NumberField } from '../../components/number-field';
import { TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

type Field = 'personName' | 'reason' | 'contactName' | 'phone' | 'cadence';

type Candidate = ActionOutput<'patrol', 'careCandidates'>[number];
const REASONS = ['70岁以上患重病', '孤寡独居', '残障、行动不便'];
/** How the reason text joins several reasons (one of them holds a 、 itself). */
const REASON_SEPARATOR = '；';
/** The reasons in the text, one per part. */
const reasonParts = (text: string) =>
  text
    .split(REASON_SEPARATOR)
    .map((x) => x.trim())
    .filter(Boolean);
/** The reason text with the chips' reasons `chosen`, keeping whatever else was typed after them. */
const withReasons = (text: string, chosen: readonly string[]) =>
  [...chosen, ...reasonParts(text).filter((x) => !REASONS.includes(x))].join(REASON_SEPARATOR);

/** 登记关爱对象: find a household of the project, fill in the reason, a contact, the cadence and a volunteer. */
function RegisterForm({ projects, onSaved }: { projects: MeResult['projects']; onSaved: () => void }) {
  const [projectId, setProjectId] = useState(projects[0]?.id ?? '');
  const [query, setQuery] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [volunteers, setVolunteers] = useState<{ userId: string; name: string }[]>([]);
  const [picked, setPicked] = useState<Candidate | null>(null);
  const [personName, setPersonName] = useState('');
  const [reason, setReason] = useState('');
  const [contactName, setContactName] = useState('');
  const [relation, setRelation] = useState('');
  const [phone, setPhone] = useState('');
  const [cadence, setCadence] = useState('7');
  const [volunteerUserId, setVolunteerUserId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each missing or wrong field says so under itself (issue #19).
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const clear = (f: Field) => setFieldErrors((e) => ({ ...e, [f]: undefined }));

  const search = async (p = projectId) => {
    try {
      const [c, r] = await Promise.all([
        callFunction('patrol', 'careCandidates', { projectId: p, query: query.trim() }),
        callFunction('patrol', 'routes', { projectId: p }),
      ]);
      setCandidates(c);
      setVolunteers(r.volunteers);
    } catch (err) {
      toast(errorText(err));
    }
  };
  const pick = (c: Candidate) => {
    setPicked(c);
    setPersonName(c.headName);
    setReason(c.suggestedReason ?? '');
    setError(null);
    setFieldErrors({});
  };
  const save = async () => {
    if (!picked) return setError('请先选择住户。');
    const days = Number(cadence);
    const wrong: Partial<Record<Field, string>> = {
      personName: personName.trim() ? undefined : '请填写关爱对象姓名。',
      reason: reason.trim() ? undefined : '请填写纳入关爱的原因。',
      contactName: contactName.trim() ? undefined : '请填写紧急联系人。',
      phone: /^[0-9+\-\s]{5,20}$/.test(phone.trim()) ? undefined : '联系人电话格式不正确。',
      cadence: Number.isInteger(days) && days >= 1 && days <= 31 ? undefined : '探访间隔应为 1 到 31 天。',
    };
    setFieldErrors(wrong);
    if (Object.values(wrong).some(Boolean)) return;
    setError(null);
    if (!(await confirm('登记关爱对象', `将 ${picked.unitLabel} ${personName.trim()} 纳入特殊关爱名单？`)))
      return;
    setBusy(true);
    try {
      await callFunction('patrol', 'careUpsert', {
        householdId: picked.householdId,
        personName: personName.trim(),
        reason: reason.trim(),
        contacts: [{ name: contactName.trim(), relation: relation.trim(), phone: phone.trim() }],
        cadenceDays: days,
        volunteerUserId,
        active: true,
      });
      toast('已登记', 'success');
      setPicked(null);
      setCandidates(null);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="care-register">
      <Text className="card-title">登记关爱对象</Text>
      <ChoiceChips<string>
        label="项目"
        options={projects.map((p) => [p.id, p.name] as const)}
        value={projectId}
        onChange={(p) => {
          setProjectId(p);
          setPicked(null);
          void search(p);
        }}
        idOf={(p) => `care-project-${p}`}
      />
      <TextField
        id="care-search"
        label="查找住户"
        hint="填写房号或户主姓名；不填则显示建议名单。"
        maxLength={20}
        value={query}
        placeholder="例如：3栋 或 王秀英"
        onChange={setQuery}
      />
      <NutButton fill="outline" block id="care-search-go" onClick={() => void search()}>
        查找住户
      </NutButton>
      {candidates && candidates.length === 0 ? <Empty text="没有找到在租住户。" /> : null}
      {!picked && candidates
        ? candidates.map((c) => (
            <View
              key={c.householdId}
              className="row candidate"
              id={`candidate-${c.householdId}`}
              role="button"
              aria-label={`选择 ${c.unitLabel} ${c.headName}`}
              {...pressable()}
              onClick={() => pick(c)}
            >
              <Text className="value">
                {c.unitLabel} {c.headName}（{c.ageYears} 岁）
              </Text>
              {c.inRegistry ? (
                <StatusTag tone="ok" text="已在名单" />
              ) : c.suggestedReason ? (
                <StatusTag tone="warn" text={`建议：${c.suggestedReason}`} />
              ) : null}
            </View>
          ))
        : null}
      {picked ? (
        <View>
          <Text className="value" style={{ display: 'block' }}>
            {picked.unitLabel}
            {picked.inRegistry ? '（已在名单，保存将更新登记信息）' : ''}
          </Text>
          <TextField
            id="care-person"
            label="关爱对象姓名"
            required
            maxLength={20}
            value={personName}
            error={fieldErrors.personName}
            onChange={(text) => {
              setPersonName(text);
              clear('personName');
            }}
          />
          <Text className="label" style={{ display: 'block' }}>
            纳入原因（可多选）
          </Text>
          <ChoiceChips
            multiple
            label="纳入原因"
            options={REASONS.map((r) => [r, r] as const)}
            value={reasonParts(reason)}
            idOf={(r) => `care-reason-${REASONS.indexOf(r)}`}
            onChange={(chosen) => {
              setReason(withReasons(reason, chosen));
              clear('reason');
            }}
          />
          <TextField
            id="care-reason"
            label="纳入原因"
            required
            hint="点上面的选项（可选几项），或填写其他原因；几项之间用“；”隔开。"
            maxLength={60}
            value={reason}
            error={fieldErrors.reason}
            onChange={(text) => {
              setReason(text);
              clear('reason');
            }}
          />
          <TextField
            id="care-contact-name"
            label="紧急联系人姓名"
            required
            maxLength={20}
            value={contactName}
            error={fieldErrors.contactName}
            onChange={(text) => {
              setContactName(text);
              clear('contactName');
            }}
          />
          <TextField
            id="care-contact-relation"
            label="与本人关系（选填）"
            maxLength={20}
            value={relation}
            placeholder="例如：女儿"
            onChange={setRelation}
          />
          <TextField
            id="care-contact-phone"
            label="联系人电话"
            required
            type="number"
            maxLength={20}
            value={phone}
            error={fieldErrors.phone}
            onChange={(text) => {
              setPhone(text);
              clear('phone');
            }}
          />
          <View className="text-field">
            <Text className="field-label">探访间隔</Text>
            <NumberField
              id="care-cadence"
              label="探访间隔"
              unit="天"
              placeholder="默认每周一次，即 7"
              value={cadence}
              error={fieldErrors.cadence}
              onChange={(text) => {
                setCadence(text);
                clear('cadence');
              }}
            />
          </View>
          <Text className="label">负责的巡查员</Text>
          {volunteers.length > 0 ? (
            <ChoiceChips<string | null>
              label="负责的巡查员"
              options={[[null, '暂不指定'], ...volunteers.map((v) => [v.userId, v.name] as const)]}
              value={volunteerUserId}
              onChange={setVolunteerUserId}
              idOf={(v) => (v ? `care-volunteer-${v}` : 'care-volunteer-none')}
            />
          ) : (
            <Text className="muted">本项目还没有巡查员</Text>
          )}
          {error ? (
            <Text className="error" id="care-register-error">
              {error}
            </Text>
          ) : null}
          <NutButton
            type="primary"
            size="large"
            block
            id="care-save"
            loading={busy}
            onClick={() => void save()}
          >
            保存
          </NutButton>
          <NutButton fill="outline" block id="care-repick" onClick={() => setPicked(null)}>
            重新选择住户
          </NutButton>
        </View>
      ) : null}
    </View>
  );
}

const OUTCOME_LABELS = { well: '安好', needs_help: '需要帮助', not_reached: '未联系上' } as const;

/**
 * 特殊关爱名单 (武昌调研报告 二(三)四: 70 岁以上、重病、独居、残疾 residents, visited weekly): this week's
 * visits due per volunteer, the registry with the last check-in, and the escalation check (the
 * `care-escalation` timer runs it daily).
 */
export default function CareRegistry() {
  const { data, error, reload } = useLoad(async () => {
    const [list, due, me] = await Promise.all([
      callFunction('patrol', 'careList', {}),
      callFunction('patrol', 'careDue', {}),
      callFunction('account', 'me', {}),
    ]);
    return { list, due, me };
  });

  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const { list, due, me } = data;

  const stop = async (c: CareView) => {
    if (!(await confirm('移出名单', `不再对 ${c.personName} 进行特殊关爱探访？`))) return;
    try {
      await callFunction('patrol', 'careUpsert', {
        householdId: c.householdId,
        personName: c.personName,
        reason: c.reason,
        contacts: c.contacts,
        cadenceDays: c.cadenceDays,
        active: false,
      });
      toast('已移出名单');
      void reload();
    } catch (err) {
      toast(errorText(err));
    }
  };
  return (
    <Screen id="care-registry" title="特殊关爱名单">
      <View className="card">
        <Text className="card-title">
          本周应探访（{formatDate(due.weekStart)} 至 {formatDate(due.weekEnd)}）
        </Text>
        {due.volunteers.length === 0 ? <Empty text="本周没有应探访的对象。" /> : null}
        <CellGroup>
          {due.volunteers.map((v) => (
            <Cell
              key={v.volunteerUserId ?? 'none'}
              title={v.volunteerUserId ? v.volunteerName : `${v.volunteerName}（未分配巡查员）`}
              extra={`${v.items.length} 人${
                v.items.some((i) => i.overdue) ? `，超期 ${v.items.filter((i) => i.overdue).length} 人` : ''
              }`}
            />
          ))}
        </CellGroup>
        <NutButton
          fill="outline"
          block
          id="run-escalation"
          onClick={() =>
            void callFunction('patrol', 'runCareEscalation', {}).then(
              (r) => {
                toast(`已检查 ${r.checked} 人，升级提醒 ${r.escalated} 人（消息 ${r.messages} 条）`);
                void reload();
              },
              (err: unknown) => toast(errorText(err)),
            )
          }
        >
          检查未联系上的对象并通知
        </NutButton>
      </View>
      <RegisterForm projects={me.projects} onSaved={() => void reload()} />
      <Text className="section-title">名单（{list.length} 人）</Text>
      {list.length === 0 ? (
        <View className="card">
          <Empty text="名单为空。登记的关爱对象会出现在这里。" />
        </View>
      ) : (
        list.map((c) => (
          <View
            key={c.id}
            className={`card${c.overdue || c.escalatedAt ? ' overdue' : ''}`}
            id={`care-${c.id}`}
          >
            <View className="row">
              <Text className="value">
                {c.personName} · {c.unitLabel}
              </Text>
              <StatusTag tone="warn" text={c.reason} />
            </View>
            <Text className="muted" style={{ display: 'block' }}>
              每 {c.cadenceDays} 天探访 · 巡查员 {c.volunteerName ?? '未分配'} · 联系人{' '}
              {c.contacts
                .map((k) => `${k.name}${k.relation ? `（${k.relation}）` : ''} ${k.phone}`)
                .join('，')}
            </Text>
            <Text className={c.overdue ? 'muted overdue-text' : 'muted'} style={{ display: 'block' }}>
              {c.lastCheckAt
                ? `最近 ${formatInstant(c.lastCheckAt)} ${c.lastOutcome ? OUTCOME_LABELS[c.lastOutcome] : ''}`
                : '尚未探访'}
              {' · '}下次 {formatInstant(c.nextDueAt)}
              {c.escalatedAt ? ` · 已于 ${formatInstant(c.escalatedAt)} 通知管家和联系人` : ''}
            </Text>
            <NutButton fill="outline" id={`care-stop-${c.id}`} onClick={() => void stop(c)}>
              移出名单
            </NutButton>
          </View>
        ))
      )}
    </Screen>
  );
}
