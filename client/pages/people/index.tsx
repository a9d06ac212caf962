import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ROLE_LABELS, type InvitationRole, type InvitationView } from '@shared/contracts';
import {
  PARALLEL_DEPARTMENTS,
  PARALLEL_DEPARTMENT_LABELS,
  type ParallelDepartment,
} from '@shared/rules/application.rule';
import { grantableRoles, roleNeedsProjects } from '@shared/rules/people.rule';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { FieldError, TextField } from '../../components/text-field';

const newRequestId = () => `inv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * The invitation's 小程序码 (made by the server through WeChat's wxacode.getUnlimited, scene = the code): the
 * invited person scans it from the office's screen or a screenshot and WeChat opens the join page.
 */
function InvitationQr({ inv }: { inv: InvitationView }) {
  const [state, setState] = useState<{ url: string } | { error: string } | null>(null);
  const load = useCallback(() => {
    setState(null);
    callFunction('account', 'invitationQr', { invitationId: inv.id }).then(
      (res) => setState({ url: res.url }),
      (err: unknown) => setState({ error: errorText(err) }),
    );
  }, [inv.id]);
  useEffect(load, [load]);
  return (
    <View className="invitation-qr" style={{ textAlign: 'center' }}>
      {state === null ? (
        <Text className="muted" id={`qr-loading-${inv.id}`} style={{ display: 'block' }}>
          正在生成小程序码…
        </Text>
      ) : 'url' in state ? (
        <Image
          id={`qr-${inv.id}`}
          src={state.url}
          style={{ width: '200px', height: '200px' }}
          showMenuByLongpress
          onError={() => setState({ error: '小程序码加载失败' })}
        />
      ) : (
        <View id={`qr-failed-${inv.id}`}>
          <Text className="muted" style={{ display: 'block' }}>
            {state.error}
          </Text>
          <NutButton type="primary" fill="outline" className="action-button" block onClick={load}>
            重新生成
          </NutButton>
        </View>
      )}
      <Text className="muted" style={{ display: 'block' }}>
        请受邀人用微信扫码或输入邀请码；也可截图发送
      </Text>
    </View>
  );
}

function InvitationCard({ inv, onRevoke }: { inv: InvitationView; onRevoke: () => void }) {
  return (
    <View className="card" id={`invitation-${inv.id}`}>
      <Text className="card-title">
        {inv.roleLabel}
        {inv.departmentLabel ? `（${inv.departmentLabel}）` : ''}
        {inv.projectNames.length ? `（${inv.projectNames.join('、')}）` : ''}
      </Text>
      <View className="row">
        <Text className="label">邀请码</Text>
        <Text className="value invitation-code" selectable>
          {inv.code}
        </Text>
      </View>
      <View className="row">
        <Text className="label">状态</Text>
        <StatusTag
          tone={inv.status === 'open' ? 'warn' : inv.status === 'accepted' ? 'ok' : 'info'}
          text={`${inv.statusLabel}${inv.acceptedByName ? `（${inv.acceptedByName}）` : ''}`}
        />
      </View>
      <View className="row">
        <Text className="label">有效期至</Text>
        <Text className="value">{formatInstant(inv.expiresAt)}</Text>
      </View>
      {inv.note ? <Text className="muted">{inv.note}</Text> : null}
      {inv.status === 'open' ? (
        <>
          <InvitationQr inv={inv} />
          <NutButton
            type="primary"
            fill="outline"
            className="action-button"
            block
            onClick={() =>
              void Taro.setClipboardData({ data: `安居邀请码：${inv.code}（小程序页面 ${inv.path}）` })
            }
          >
            复制邀请码
          </NutButton>
          <NutButton
            type="primary"
            fill="outline"
            className="action-button"
            block
            id={`revoke-${inv.id}`}
            onClick={onRevoke}
          >
            撤销邀请
          </NutButton>
        </>
      ) : null}
    </View>
  );
}

/**
 * Invitations and people: the office invites any staff role into any project (and sees every binding and
 * the log of whole-ID-number views); a manager invites workers and volunteers into its projects; a household
 * head invites and removes family members (代缴/代办). Revoking a role works on the person's next call.
 */
export default function People() {
  const { data, error, reload } = useLoad(async () => {
    const me = await callFunction('account', 'me', {});
    const staffRole = me.user.roles.includes('admin') || me.user.roles.includes('manager');
    const office = me.user.roles.includes('admin');
    const [invitations, staff, family, bindings, accessLog, corrections] = await Promise.all([
      callFunction('account', 'invitations', {}),
      staffRole ? callFunction('account', 'staff', {}) : Promise.resolve([]),
      callFunction('account', 'familyMembers', {}),
      office ? callFunction('account', 'bindings', {}) : Promise.resolve([]),
      office ? callFunction('account', 'idAccessLog', {}) : Promise.resolve([]),
      office ? callFunction('account', 'corrections', {}) : Promise.resolve([]),
    ]);
    return { me, invitations, staff, family, bindings, accessLog, corrections };
  });
  const [role, setRole] = useState<InvitationRole | null>(null);
  const [projectIds, setProjectIds] = useState<string[]>([]);
  const [department, setDepartment] = useState<ParallelDepartment | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [roleError, setRoleError] = useState<string | null>(null);
  const [departmentError, setDepartmentError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data) return <Loading />;
  const { me } = data;
  const grantable = grantableRoles(me.user.roles);
  const isHead = me.user.householdRelation === 'head' && me.user.roles.includes('tenant');
  const choices: InvitationRole[] = [...grantable, ...(isHead ? (['family'] as const) : [])];

  const create = async () => {
    if (!role) return setRoleError('请先选择要邀请的角色。');
    if (role === 'department_reviewer' && !department) return setDepartmentError('请选择核查部门。');
    setBusy(true);
    try {
      await callFunction('account', 'createInvitation', {
        role,
        projectIds: role === 'family' || !roleNeedsProjects(role) ? [] : projectIds,
        ...(role === 'department_reviewer' && department ? { department } : {}),
        note: note.trim(),
        clientRequestId: newRequestId(),
      });
      toast('邀请已生成', 'success');
      setNote('');
      await reload();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  /** The office sees a whole ID number only with a reason; the view is logged (who, when, why). */
  const reveal = async (householdId: string) => {
    if (reason.trim().length < 2) return setReasonError('请先填写查看完整身份证号码的原因。');
    setReasonError(null);
    try {
      const res = await callFunction('account', 'revealIdNumber', { householdId, reason: reason.trim() });
      setRevealed((r) => ({ ...r, [householdId]: res.idNumber }));
      await reload();
    } catch (err) {
      toast(errorText(err));
    }
  };
  const act = async (question: string, run: () => Promise<unknown>) => {
    if (!(await confirm('请确认', question))) return;
    try {
      await run();
      await reload();
    } catch (err) {
      toast(errorText(err));
    }
  };

  return (
    <Screen
      id="people"
      title="人员与邀请"
      bottom={
        <NutButton
          type="primary"
          size="large"
          id="invite-create"
          loading={busy}
          disabled={busy}
          onClick={() => void create()}
        >
          生成邀请码
        </NutButton>
      }
    >
      <View className="card" id="new-invitation">
        <Text className="card-title">新建邀请</Text>
        <Text className="label" style={{ display: 'block' }}>
          邀请什么人
        </Text>
        <ChoiceChips<InvitationRole | null>
          label="邀请什么人"
          options={choices.map((r) => [r, r === 'family' ? '家庭成员（代缴代办）' : ROLE_LABELS[r]] as const)}
          value={role}
          idOf={(r) => `invite-role-${r}`}
          onChange={(r) => {
            setRole(r);
            setRoleError(null);
            setDepartmentError(null);
          }}
        />
        <FieldError id="invite-role" error={roleError} />
        {role === 'department_reviewer' ? (
          <View>
            <Text className="label" style={{ display: 'block' }}>
              核查部门
            </Text>
            <ChoiceChips<ParallelDepartment | null>
              label="核查部门"
              options={PARALLEL_DEPARTMENTS.map((d) => [d, PARALLEL_DEPARTMENT_LABELS[d]] as const)}
              value={department}
              idOf={(d) => `invite-department-${d}`}
              onChange={(d) => {
                setDepartment(d);
                setDepartmentError(null);
              }}
            />
            <FieldError id="invite-department" error={departmentError} />
          </View>
        ) : null}
        {role && role !== 'family' && roleNeedsProjects(role) ? (
          <View>
            <Text className="label" style={{ display: 'block' }}>
              负责项目
            </Text>
            <ChoiceChips
              multiple
              label="负责项目"
              options={me.projects.map((p) => [p.id, p.name] as const)}
              value={projectIds}
              idOf={(id) => `invite-project-${id}`}
              onChange={setProjectIds}
            />
          </View>
        ) : null}
        <TextField
          id="invite-note"
          label="备注（选填）"
          value={note}
          maxLength={60}
          placeholder="如被邀请人姓名"
          onChange={setNote}
        />
        <Text className="muted" style={{ display: 'block' }}>
          邀请码按辖区设定的有效期有效，只能使用一次。
        </Text>
      </View>

      <Text className="section-title">我发出的邀请</Text>
      {data.invitations.length === 0 ? <Empty text="还没有邀请。" /> : null}
      {data.invitations.map((inv) => (
        <InvitationCard
          key={inv.id}
          inv={inv}
          onRevoke={() =>
            void act('撤销后该邀请码不能再使用。', () =>
              callFunction('account', 'revokeInvitation', { invitationId: inv.id }),
            )
          }
        />
      ))}

      {isHead ? (
        <View className="card" id="family-members">
          <Text className="card-title">家庭成员（可查看账单、缴费、报修）</Text>
          {data.family.length === 0 ? <Empty text="还没有添加家庭成员。" /> : null}
          {data.family.map((m) => (
            <View className="row" key={m.userId}>
              <Text className="label">
                {m.name} {m.idNumberMasked}
              </Text>
              <NutButton
                type="primary"
                fill="outline"
                size="small"
                id={`remove-member-${m.userId}`}
                onClick={() =>
                  void act(`移除 ${m.name} 后，其将不能再查看和办理本户业务。`, () =>
                    callFunction('account', 'removeFamilyMember', { userId: m.userId }),
                  )
                }
              >
                移除
              </NutButton>
            </View>
          ))}
        </View>
      ) : null}

      {data.staff.length > 0 ? (
        <View className="card" id="staff">
          <Text className="card-title">工作人员与志愿者</Text>
          {data.staff.map((s) => (
            <View key={s.userId} className="row">
              <Text className="label">
                {s.name}：{s.roles.map((r) => ROLE_LABELS[r]).join('、')}
                {s.projectNames.length ? `（${s.projectNames.join('、')}）` : ''}
                {s.departmentLabel ? `（${s.departmentLabel}）` : ''}
              </Text>
              <View>
                {s.revocable.map((r) => (
                  <NutButton
                    key={r}
                    type="primary"
                    fill="outline"
                    size="small"
                    id={`revoke-role-${s.userId}-${r}`}
                    onClick={() =>
                      void act(`撤销 ${s.name} 的“${ROLE_LABELS[r]}”角色？对方下次操作时即失效。`, () =>
                        callFunction('account', 'revokeRole', { userId: s.userId, role: r }),
                      )
                    }
                  >
                    撤销{ROLE_LABELS[r]}
                  </NutButton>
                ))}
              </View>
            </View>
          ))}
        </View>
      ) : null}

      {me.user.roles.includes('admin') ? (
        <View className="card" id="bindings">
          <Text className="card-title">家庭绑定（共 {data.bindings.length} 个）</Text>
          <TextField
            id="reveal-reason"
            label="查看完整身份证号码的原因"
            hint="查看记录会保存，包括查看人、时间和原因。"
            value={reason}
            maxLength={100}
            placeholder="如：核对纸质档案"
            error={reasonError}
            onChange={(text) => {
              setReason(text);
              setReasonError(null);
            }}
          />
          {data.bindings.slice(0, 100).map((b) => (
            <View key={b.userId} className="row">
              <View>
                <Text className="label" style={{ display: 'block' }}>
                  {b.headName}（{revealed[b.householdId] ?? b.idNumberMasked}）
                </Text>
                {revealed[b.householdId] ? null : (
                  <NutButton
                    type="primary"
                    fill="outline"
                    size="small"
                    id={`reveal-${b.householdId}`}
                    onClick={() => void reveal(b.householdId)}
                  >
                    查看完整号码
                  </NutButton>
                )}
              </View>
              <Text className="value">
                {b.userName} · {b.relation === 'head' ? '户主' : '家庭成员'} · {formatInstant(b.boundAt)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {me.user.roles.includes('admin') ? (
        <View className="card" id="correction-requests">
          <Text className="card-title">个人信息更正申请</Text>
          {data.corrections.length === 0 ? <Empty text="没有待处理的更正申请。" /> : null}
          {data.corrections.map((c) => (
            <View key={c.correctionId} className="row">
              <Text className="label">
                {formatInstant(c.at)} {c.userName}（{c.field}）：{c.text}
              </Text>
              <NutButton
                type="primary"
                fill="outline"
                size="small"
                id={`resolve-${c.correctionId}`}
                onClick={() =>
                  void act('确认已在系统或窗口更正该信息？', () =>
                    callFunction('account', 'resolveCorrection', {
                      userId: c.userId,
                      correctionId: c.correctionId,
                    }),
                  )
                }
              >
                已处理
              </NutButton>
            </View>
          ))}
        </View>
      ) : null}

      {me.user.roles.includes('admin') ? (
        <View className="card" id="id-access-log">
          <Text className="card-title">完整身份证号码查看记录</Text>
          {data.accessLog.length === 0 ? <Empty text="暂无查看记录。" /> : null}
          {data.accessLog.map((e) => (
            <View key={e.at + e.headName} className="row">
              <Text className="label">
                {formatInstant(e.at)} {e.viewerName} 查看 {e.headName}
              </Text>
              <Text className="value">{e.reason}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </Screen>
  );
}
