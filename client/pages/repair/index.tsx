import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionOutput, RepairView, Role } from '@shared/contracts';
import { chinaDate } from '@shared/rules/dates';
import { RATING_REASON_LABELS } from '@shared/rules/repair-stats.rule';
import { CallTenant } from '../../components/call-tenant';
import { DialButton } from '../../components/dial-button';
import { PhotoPicker } from '../../components/photo-picker';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadPhotos } from '../../services/upload';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import type { PickedPhoto } from '../../utils/photo';
import {
  confirm,
  errorText,
  formatInstant,
  notice,
  parseBeijingTime,
  queryParam,
  toast,
} from '../../utils/ui';
import { Screen } from '../../components/screen';
import { DateField, beijingDateTime, dateLabel } from '../../components/date-field';
import { takeJustDone } from '../../utils/just-done';
import { Button as NutButton, Cell, CellGroup } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { StatusTag } from '../../components/status-tag';
import { repairTone } from '../../components/repair-card';
import { FieldError, TextField } from '../../components/text-field';
import { RepairSteps, RepairTimeline } from '../../components/repair-steps';
import { pressable } from '../../components/keyboard';

/** The manager's and worker's fields, each with its problem under it (issue #19). */
type StaffField = 'worker' | 'visitAt' | 'reason' | 'deadline' | 'note' | 'photos';
/** The tenant's fields and the message box, each with its problem under it. */
type TenantField = 'rating' | 'reopen' | 'message';

type Worker = ActionOutput<'repair', 'workers'>[number];
const REASONS = ['slow', 'unresolved', 'rude', 'other'] as const;

/** Tomorrow 09:00 in Beijing time, as 'YYYY-MM-DD HH:mm'. */
function tomorrowNine(): string {
  return `${chinaDate(Date.now() + 86_400_000)} 09:00`;
}

function PhotoStrip({ r, which }: { r: RepairView; which: 'before' | 'after' }) {
  const count = which === 'before' ? r.photos : r.afterPhotos;
  const [urls, setUrls] = useState<string[] | null>(null);
  if (count === 0) return null;
  const load = async () => {
    const out: string[] = [];
    for (let index = 0; index < count; index++) {
      const p = await callFunction('repair', 'photo', { repairId: r.id, which, index });
      out.push(p.url); // a temporary address of the stored photo
    }
    setUrls(out);
  };
  return (
    <View className="card" id={`photos-${which}`}>
      <Text className="card-title">
        {which === 'before' ? '报修照片' : '完工照片'}（{count}）
      </Text>
      {urls ? (
        <View className="photos">
          {urls.map((u, i) => (
            <Image
              key={i}
              className="photo-img"
              src={u}
              mode="aspectFill"
              // Taro types no `role` on Image; Taro writes it on the element all the same.
              {...{ role: 'button' }}
              aria-label={`查看第 ${i + 1} 张照片大图`}
              {...pressable()}
              onClick={() => void Taro.previewImage({ current: u, urls })}
            />
          ))}
        </View>
      ) : (
        <NutButton
          fill="outline"
          type="primary"
          block
          id={`show-photos-${which}`}
          onClick={() => void load().catch(() => toast('照片加载失败，请稍后再试'))}
        >
          查看照片
        </NutButton>
      )}
    </View>
  );
}

/**
 * 报修详情: for the tenant, the four stages as NutUI Steps (components/repair-steps.tsx); 处理记录 with every
 * recorded move and message, the worker and visit time, photos, and what the caller may do next: the tenant confirms and rates or reopens; the manager accepts, assigns,
 * rejects or extends the deadline; the worker starts and completes with after-photos.
 */
/** Staff handling an open request may call the tenant; the number is dialled, not listed (issue #17). */
/** The tenant may call the worker once one is sent and until the work is done (account.workerContact). */
const WORKER_REACHABLE = ['assigned', 'in_progress'];
const OPEN_FOR_CONTACT = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];

export default function RepairDetail() {
  const id = queryParam('id');
  const [submitted] = useState(() => takeJustDone(`repair:${id}`));
  const [r, setR] = useState<RepairView | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [myName, setMyName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  // manager
  const [workers, setWorkers] = useState<Worker[] | null>(null);
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [visitAt, setVisitAt] = useState(tomorrowNine);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState('');
  const [staffErrors, setStaffErrors] = useState<Partial<Record<StaffField, string>>>({});
  // worker
  const [note, setNote] = useState('');
  const [after, setAfter] = useState<PickedPhoto[]>([]);
  // tenant
  const [good, setGood] = useState<boolean | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [tenantErrors, setTenantErrors] = useState<Partial<Record<TenantField, string>>>({});

  const load = useCallback(async () => {
    try {
      const [detail, me] = await Promise.all([
        callFunction('repair', 'detail', { repairId: id }),
        callFunction('account', 'me', {}),
      ]);
      setR(detail);
      setRoles(me.user.roles);
      setMyName(me.user.name);
      setError(null);
      if (
        me.user.roles.includes('manager') &&
        ['submitted', 'accepted', 'assigned', 'reopened'].includes(detail.status)
      ) {
        setWorkers(await callFunction('repair', 'workers', { repairId: id }));
      }
    } catch (err) {
      setError(errorText(err));
    }
  }, [id]);
  useDidShow(() => void load());

  const run = async (work: () => Promise<RepairView>, done: string) => {
    setBusy(true);
    try {
      setR(await work());
      toast(done, 'success');
      setReason('');
      setMessage('');
    } catch (err) {
      void notice('操作未成功', errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!r) return <Loading />;
  const isManager = roles.includes('manager');
  const isWorker = roles.includes('worker');
  const isTenant = !isManager && !isWorker;

  const assign = async () => {
    const at = parseBeijingTime(visitAt);
    const problems = {
      worker: workerId ? undefined : '请选择维修人员。',
      visitAt: at ? undefined : '请选择上门时间。',
    };
    setStaffErrors(problems);
    if (!workerId || !at) return;
    const w = workers?.find((x) => x.userId === workerId);
    if (!(await confirm('确认派单', `派给 ${w?.name ?? ''}，${dateLabel('datetime', visitAt)} 上门？`)))
      return;
    await run(
      () => callFunction('repair', 'assign', { repairId: r.id, workerUserId: workerId, visitAt: at }),
      '已派单',
    );
  };
  const reject = async () => {
    setStaffErrors({ reason: reason.trim() ? undefined : '请填写驳回原因。' });
    if (!reason.trim()) return;
    if (!(await confirm('驳回报修', `驳回后租户会看到原因：“${reason.trim()}”。确定驳回？`, '确定驳回')))
      return;
    await run(() => callFunction('repair', 'reject', { repairId: r.id, reason: reason.trim() }), '已驳回');
  };
  const extend = async () => {
    const at = parseBeijingTime(deadline || beijingDateTime(new Date(r.deadline).getTime() + 86_400_000));
    const problems = {
      deadline: at ? undefined : '请选择新期限。',
      reason: reason.trim() ? undefined : '请填写延期原因。',
    };
    setStaffErrors(problems);
    if (!at || problems.reason) return;
    if (
      !(await confirm(
        '延长期限',
        `处理期限改为 ${dateLabel('datetime', deadline || beijingDateTime(new Date(r.deadline).getTime() + 86_400_000))}？租户会收到通知。`,
      ))
    )
      return;
    await run(
      () => callFunction('repair', 'extendDeadline', { repairId: r.id, deadline: at, reason: reason.trim() }),
      '期限已延长',
    );
  };
  const complete = async () => {
    const problems = {
      photos: after.length === 0 ? '请上传至少一张完工照片。' : undefined,
      note: note.trim() ? undefined : '请填写维修说明。',
    };
    setStaffErrors(problems);
    if (problems.photos || problems.note) return;
    if (!(await confirm('确认完工', '提交后请租户确认。确定已修好？'))) return;
    await run(
      async () =>
        callFunction('repair', 'complete', {
          repairId: r.id,
          note: note.trim(),
          afterPhotos: await uploadPhotos('repair-photo', after),
        }),
      '已完工',
    );
  };
  const confirmWork = async () => {
    setTenantErrors({ rating: good === null ? '请选择满意或不满意。' : undefined });
    if (good === null) return;
    await run(
      () =>
        callFunction('repair', 'confirm', {
          repairId: r.id,
          good,
          reasons: good ? [] : (reasons as (typeof REASONS)[number][]),
        }),
      '感谢您的评价',
    );
  };
  const reopen = async () => {
    setTenantErrors({ reopen: reason.trim() ? undefined : '请说明问题仍存在的情况。' });
    if (!reason.trim()) return;
    await run(
      () => callFunction('repair', 'reopen', { repairId: r.id, reason: reason.trim() }),
      '已重新打开',
    );
  };

  const sendMessage = async () => {
    setTenantErrors({ message: message.trim() ? undefined : '请先写下留言内容。' });
    if (!message.trim()) return;
    await run(() => callFunction('repair', 'message', { repairId: r.id, text: message.trim() }), '已发送');
  };
  const canAssign = isManager && ['submitted', 'accepted', 'assigned', 'reopened'].includes(r.status);
  // One main action in the bottom bar: the manager's 派单, the worker's 开始维修 or 提交完工.
  const bottom = canAssign ? (
    <NutButton type="primary" size="large" block id="assign" loading={busy} onClick={() => void assign()}>
      {r.status === 'assigned' ? '改派' : '派单'}
    </NutButton>
  ) : isWorker && r.status === 'assigned' ? (
    <NutButton
      type="primary"
      size="large"
      block
      id="start"
      loading={busy}
      onClick={() => void run(() => callFunction('repair', 'start', { repairId: r.id }), '已开始维修')}
    >
      开始维修
    </NutButton>
  ) : isWorker && r.status === 'in_progress' ? (
    <NutButton type="primary" size="large" block id="complete" loading={busy} onClick={() => void complete()}>
      提交完工
    </NutButton>
  ) : isTenant && r.status === 'done' ? (
    <NutButton
      type="primary"
      size="large"
      block
      id="confirm-repair"
      loading={busy}
      onClick={() => void confirmWork()}
    >
      确认完成
    </NutButton>
  ) : undefined;

  return (
    <Screen id="repair-detail" title="报修详情" bottom={bottom}>
      {submitted ? (
        <View className="card" id="submit-success">
          <Text className="success-mark">✓ 已提交</Text>
          <Text className="muted" style={{ display: 'block', textAlign: 'center' }}>
            物业管家会尽快联系您，处理进度会在这里和“消息”中告诉您。
          </Text>
        </View>
      ) : null}
      {isTenant && !['confirmed', 'rejected'].includes(r.status) ? (
        <SubscribePrompt moment="repair_filed" />
      ) : null}
      <View className={`card${r.overdue ? ' overdue' : ''}`}>
        <Text className="card-title">
          {r.kind === 'help' ? '困难求助' : `${r.categoryLabel}报修`}
          {r.emergency ? '（紧急）' : ''}
        </Text>
        <StatusTag id="repair-status" tone={repairTone(r)} text={r.statusLabel} />
        <Text className="repair-desc">{r.description}</Text>
        <CellGroup>
          <Cell title="房屋" extra={`${r.projectName} ${r.unitLabel}`} />
          {r.preferredTimes ? <Cell title="方便上门" extra={r.preferredTimes} /> : null}
          <Cell
            title="处理期限"
            extra={
              <Text className={r.overdue ? 'overdue-text' : undefined} id="repair-deadline">
                {formatInstant(r.deadline)}
                {r.overdue ? '（已超期）' : ''}
              </Text>
            }
          />
          {r.workerName ? (
            <Cell
              title="维修人员"
              extra={
                <Text id="repair-worker">
                  {r.workerName}
                  {r.visitAt ? `，预计 ${formatInstant(r.visitAt)} 上门` : ''}
                </Text>
              }
            />
          ) : null}
          {r.rating ? (
            <Cell
              title="评价"
              extra={
                <Text id="repair-rating">
                  {r.rating.good
                    ? '满意'
                    : `不满意（${r.rating.reasons.map((x) => RATING_REASON_LABELS[x] ?? x).join('、')}）`}
                </Text>
              }
            />
          ) : null}
        </CellGroup>
      </View>

      {isTenant ? <RepairSteps r={r} selfName={myName} /> : null}

      {isTenant && WORKER_REACHABLE.includes(r.status) ? (
        <DialButton
          key={r.status}
          id="call-worker"
          title="联系维修师傅"
          load={() => callFunction('account', 'workerContact', { repairId: r.id })}
        />
      ) : null}

      <PhotoStrip r={r} which="before" />
      <PhotoStrip r={r} which="after" />

      {(isManager || isWorker) && OPEN_FOR_CONTACT.includes(r.status) ? (
        <CallTenant id="call-tenant" of={{ repairId: r.id }} />
      ) : null}
      {canAssign ? (
        <View className="card" id="manager-actions">
          <Text className="card-title">派单</Text>
          {workers && workers.length === 0 ? <Text className="muted">本项目还没有维修人员。</Text> : null}
          <ChoiceChips
            label="派给哪位维修人员"
            options={(workers ?? []).map((w) => [w.userId, `${w.name}（在办 ${w.openTasks}）`] as const)}
            value={workerId}
            onChange={(v) => {
              setWorkerId(v);
              setStaffErrors((e) => ({ ...e, worker: undefined }));
            }}
            idOf={(v) => `worker-${v}`}
          />
          <FieldError id="worker" error={staffErrors.worker} />
          <DateField
            id="visit-at"
            label="预计上门时间"
            kind="datetime"
            value={visitAt}
            min={beijingDateTime(Date.now())}
            max={beijingDateTime(Date.now() + 365 * 86_400_000)}
            onChange={(v) => {
              setVisitAt(v);
              setStaffErrors((e) => ({ ...e, visitAt: undefined }));
            }}
            error={staffErrors.visitAt}
          />
          {r.status === 'submitted' ? (
            <NutButton
              fill="outline"
              type="primary"
              block
              id="accept"
              disabled={busy}
              onClick={() => void run(() => callFunction('repair', 'accept', { repairId: r.id }), '已受理')}
            >
              受理
            </NutButton>
          ) : null}
        </View>
      ) : null}

      {isManager && !['done', 'confirmed', 'rejected'].includes(r.status) ? (
        <View className="card" id="manager-deadline">
          <Text className="card-title">驳回或延期</Text>
          <TextField
            id="manager-reason"
            label="原因"
            required
            maxLength={200}
            value={reason}
            placeholder="驳回或延期的原因，租户会看到"
            error={staffErrors.reason}
            onChange={(text) => {
              setReason(text);
              setStaffErrors((x) => ({ ...x, reason: undefined }));
            }}
          />
          {['submitted', 'accepted'].includes(r.status) ? (
            <NutButton
              fill="outline"
              type="danger"
              block
              id="reject"
              disabled={busy}
              onClick={() => void reject()}
            >
              驳回
            </NutButton>
          ) : null}
          <DateField
            id="new-deadline"
            label="新期限"
            kind="datetime"
            value={deadline || beijingDateTime(new Date(r.deadline).getTime() + 86_400_000)}
            min={beijingDateTime(Date.now())}
            max={beijingDateTime(Date.now() + 365 * 86_400_000)}
            onChange={(v) => {
              setDeadline(v);
              setStaffErrors((x) => ({ ...x, deadline: undefined }));
            }}
            error={staffErrors.deadline}
          />
          <NutButton
            fill="outline"
            type="primary"
            block
            id="extend"
            disabled={busy}
            onClick={() => void extend()}
          >
            延长期限
          </NutButton>
        </View>
      ) : null}

      {isWorker && ['assigned', 'in_progress'].includes(r.status) ? (
        <View className="card" id="worker-actions">
          <Text className="card-title">完工</Text>
          {r.status === 'assigned' ? (
            <Text className="muted">到场后先点下方“开始维修”，修好后在这里写说明、拍完工照片。</Text>
          ) : null}
          <TextField
            id="complete-note"
            label="维修说明"
            required
            multiline
            maxLength={300}
            value={note}
            placeholder="例如：更换了水龙头阀芯"
            error={staffErrors.note}
            onChange={(text) => {
              setNote(text);
              setStaffErrors((x) => ({ ...x, note: undefined }));
            }}
          />
          <PhotoPicker
            photos={after}
            onChange={(p) => {
              setAfter(p);
              setStaffErrors((x) => ({ ...x, photos: undefined }));
            }}
            max={9}
            buttonId="add-after-photos"
            buttonText="添加完工照片"
          />
          <FieldError id="photos" error={staffErrors.photos} />
        </View>
      ) : null}

      {isTenant && r.status === 'done' ? (
        <View className="card" id="tenant-confirm">
          <Text className="card-title">确认并评价</Text>
          <Text className="muted">修好了请点下方“确认完成”；没修好请在下面重新报修。</Text>
          <ChoiceChips<boolean | null>
            label="您对这次维修满意吗"
            options={[
              [true, '满意'],
              [false, '不满意'],
            ]}
            value={good}
            onChange={(v) => {
              setGood(v);
              setTenantErrors((x) => ({ ...x, rating: undefined }));
            }}
            idOf={(v) => (v ? 'rate-good' : 'rate-poor')}
          />
          <FieldError id="rating" error={tenantErrors.rating} />
          {good === false ? (
            <>
              <Text className="label" style={{ display: 'block' }}>
                哪里不满意（可多选）
              </Text>
              <ChoiceChips
                multiple
                label="哪里不满意"
                options={REASONS.map((x) => [x, RATING_REASON_LABELS[x] ?? x] as const)}
                value={reasons}
                onChange={setReasons}
                idOf={(x) => `reason-${x}`}
              />
            </>
          ) : null}
        </View>
      ) : null}

      {isTenant && ['done', 'confirmed'].includes(r.status) ? (
        <View className="card" id="tenant-reopen">
          <Text className="card-title">问题还在？</Text>
          <TextField
            id="reopen-reason"
            label="问题仍存在的情况"
            hint={`完工后 ${r.reopen.withinDays} 天内如问题仍未解决，可重新报修（${r.reopen.basis}）。`}
            maxLength={200}
            value={reason}
            placeholder="例如：水管还在漏水"
            error={tenantErrors.reopen}
            onChange={(text) => {
              setReason(text);
              setTenantErrors((x) => ({ ...x, reopen: undefined }));
            }}
          />
          <NutButton
            fill="outline"
            type="primary"
            block
            id="reopen"
            disabled={busy}
            onClick={() => void reopen()}
          >
            重新报修
          </NutButton>
        </View>
      ) : null}

      <View className="card review-steps repair-timeline" id="timeline">
        <Text className="card-title">处理记录</Text>
        <RepairTimeline events={r.events} />
        {r.status !== 'rejected' ? (
          <>
            <TextField
              id="message"
              label={isTenant ? '给物业管家留言' : '留言'}
              maxLength={300}
              value={message}
              placeholder={isTenant ? '例如：周六上午家里有人' : '写给租户和维修师傅'}
              error={tenantErrors.message}
              onChange={(text) => {
                setMessage(text);
                setTenantErrors((x) => ({ ...x, message: undefined }));
              }}
            />
            <NutButton
              fill="outline"
              type="primary"
              block
              id="send-message"
              disabled={busy}
              onClick={() => void sendMessage()}
            >
              发送留言
            </NutButton>
          </>
        ) : null}
      </View>
    </Screen>
  );
}
