import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput, CareView, MeResult } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { useLoad } from '../../utils/use-load';
import { Screen } from '../../components/screen';

type Candidate = ActionOutput<'patrol', 'careCandidates'>[number];
const REASONS = ['70岁以上患重病', '孤寡独居', '残障、行动不便'];

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
  const [busy, setBusy] = useState(false);

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
  };
  const save = async () => {
    if (!picked) return setError('请先选择住户。');
    if (!personName.trim()) return setError('请填写关爱对象姓名。');
    if (!reason.trim()) return setError('请填写纳入关爱的原因。');
    if (!contactName.trim()) return setError('请填写紧急联系人。');
    if (!/^[0-9+\-\s]{5,20}$/.test(phone.trim())) return setError('联系人电话格式不正确。');
    const days = Number(cadence);
    if (!Number.isInteger(days) || days < 1 || days > 31) return setError('探访间隔应为 1 到 31 天。');
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
      <View className="chips">
        {projects.map((p) => (
          <Text
            key={p.id}
            className={projectId === p.id ? 'chip chip-on' : 'chip'}
            onClick={() => {
              setProjectId(p.id);
              setPicked(null);
              void search(p.id);
            }}
          >
            {p.name}
          </Text>
        ))}
      </View>
      <Input
        id="care-search"
        className="field"
        maxlength={20}
        value={query}
        placeholder="房号或户主姓名（留空显示建议名单）"
        onInput={(e) => setQuery(e.detail.value)}
      />
      <Button className="btn-plain" id="care-search-go" onClick={() => void search()}>
        查找住户
      </Button>
      {candidates && candidates.length === 0 ? <Empty text="没有找到在租住户。" /> : null}
      {!picked && candidates
        ? candidates.map((c) => (
            <View
              key={c.householdId}
              className="row candidate"
              id={`candidate-${c.householdId}`}
              onClick={() => pick(c)}
            >
              <Text className="value">
                {c.unitLabel} {c.headName}（{c.ageYears} 岁）
              </Text>
              {c.inRegistry ? (
                <Text className="tag">已在名单</Text>
              ) : c.suggestedReason ? (
                <Text className="tag tag-care">建议：{c.suggestedReason}</Text>
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
          <Input
            id="care-person"
            className="field"
            maxlength={20}
            value={personName}
            placeholder="关爱对象姓名"
            onInput={(e) => setPersonName(e.detail.value)}
          />
          <View className="chips">
            {REASONS.map((r) => (
              <Text key={r} className={reason === r ? 'chip chip-on' : 'chip'} onClick={() => setReason(r)}>
                {r}
              </Text>
            ))}
          </View>
          <Input
            id="care-reason"
            className="field"
            maxlength={60}
            value={reason}
            placeholder="纳入原因"
            onInput={(e) => setReason(e.detail.value)}
          />
          <Input
            id="care-contact-name"
            className="field"
            maxlength={20}
            value={contactName}
            placeholder="紧急联系人姓名"
            onInput={(e) => setContactName(e.detail.value)}
          />
          <Input
            id="care-contact-relation"
            className="field"
            maxlength={20}
            value={relation}
            placeholder="与本人关系，如 女儿"
            onInput={(e) => setRelation(e.detail.value)}
          />
          <Input
            id="care-contact-phone"
            className="field"
            type="number"
            maxlength={20}
            value={phone}
            placeholder="联系人电话"
            onInput={(e) => setPhone(e.detail.value)}
          />
          <Input
            id="care-cadence"
            className="field"
            type="number"
            maxlength={2}
            value={cadence}
            placeholder="探访间隔（天），默认每周"
            onInput={(e) => setCadence(e.detail.value)}
          />
          <Text className="label">负责的巡查员</Text>
          <View className="chips">
            {volunteers.map((v) => (
              <Text
                key={v.userId}
                className={volunteerUserId === v.userId ? 'chip chip-on' : 'chip'}
                onClick={() => setVolunteerUserId(volunteerUserId === v.userId ? null : v.userId)}
              >
                {v.name}
              </Text>
            ))}
            {volunteers.length === 0 ? <Text className="muted">本项目还没有巡查员</Text> : null}
          </View>
          {error ? <Text className="error">{error}</Text> : null}
          <Button className="btn" id="care-save" disabled={busy} loading={busy} onClick={() => void save()}>
            保存
          </Button>
          <Button className="btn-plain" onClick={() => setPicked(null)}>
            重新选择住户
          </Button>
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
          本周应探访（{due.weekStart} 至 {due.weekEnd}）
        </Text>
        {due.volunteers.length === 0 ? <Empty text="本周没有应探访的对象。" /> : null}
        {due.volunteers.map((v) => (
          <View key={v.volunteerUserId ?? 'none'} className="row">
            <Text className={v.volunteerUserId ? 'value' : 'value overdue-text'}>{v.volunteerName}</Text>
            <Text className="muted">
              {v.items.length} 人
              {v.items.some((i) => i.overdue) ? `，超期 ${v.items.filter((i) => i.overdue).length} 人` : ''}
            </Text>
          </View>
        ))}
        <Button
          className="btn-plain"
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
        </Button>
      </View>
      <RegisterForm projects={me.projects} onSaved={() => void reload()} />
      <Text className="section-title">名单（{list.length} 人）</Text>
      {list.length === 0 ? (
        <View className="card">
          <Empty text="名单为空。" />
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
              <Text className="tag tag-care">{c.reason}</Text>
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
            <Text className="link" id={`care-stop-${c.id}`} onClick={() => void stop(c)}>
              移出名单
            </Text>
          </View>
        ))
      )}
    </Screen>
  );
}
