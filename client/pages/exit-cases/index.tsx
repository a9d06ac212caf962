import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { type ExitCaseStep } from '@shared/rules/exit-case.rule';
import type { ActionInput, ActionOutput, ExitCaseView, VacancyEvidence } from '@shared/contracts';
import { Button } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { exitStateTone } from '../../utils/exit-state';
import { PhotoPicker } from '../../components/photo-picker';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadPhotos } from '../../services/upload';
import { chinaQuarter, formatFen, parseYuan } from '../../utils/format';
import { newRequestId, type PickedPhoto } from '../../utils/photo';
import { useExport } from '../../utils/use-export';
import { confirm, errorText, formatInstant, notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { CallTenant } from '../../components/call-tenant';
import { ChoiceChips } from '../../components/choice-chips';
import { NumberField } from '../../components/number-field';
import { TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

type StateFilter = NonNullable<ActionInput<'allocation', 'listExitCases'>['state']>;
type Trigger = ActionInput<'allocation', 'openExitCase'>['trigger'];
type Signal = ActionOutput<'patrol', 'coverage'>['signals'][number];

const FILTERS: [StateFilter, string][] = [
  ['open', '进行中'],
  ['vacated', '已退房'],
  ['closed_no_exit', '不予退出'],
  ['all', '全部'],
];

const OPEN_TRIGGERS: [Trigger, string][] = [
  ['arrears_6_months', '累计欠租'],
  ['vacant_6_months', '连续闲置'],
  ['sublet_or_change_of_use', '转租或改变用途'],
  ['false_information', '虚报隐瞒'],
  ['no_longer_eligible', '不再符合条件'],
];

/**
 * 退出管理 (乌兰察布 第三十一至三十三、三十七、三十八条): the office's exit cases, filtered by state and sorted
 * by deadline (overdue first) or by opening; each shows its trigger, clause, consequences and steps, with the
 * forms for the steps the rules module allows now. Opened from the arrears list (启动退出程序) with the
 * lease, or from any page that passes `leaseId` (or, for false material found before a lease, an approved
 * application's `applicationId`) and `trigger`. 连续未居住 shows the patrol visits its months come from and
 * opens only when they reach the threshold; 虚报隐瞒 takes photos of the evidence.
 */
export default function ExitCasesPage() {
  const [filter, setFilter] = useState<StateFilter>('open');
  const [sort, setSort] = useState<'due' | 'opened'>('due');
  const [cases, setCases] = useState<ExitCaseView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [target, setTarget] = useState<{
    leaseId?: string;
    unitId?: string;
    applicationId?: string;
    label: string;
  } | null>(() => {
    const leaseId = queryParam('leaseId');
    const applicationId = queryParam('applicationId');
    return leaseId ? { leaseId, label: '' } : applicationId ? { applicationId, label: '' } : null;
  });
  const [signals, setSignals] = useState<Signal[]>([]);
  const [trigger, setTrigger] = useState<Trigger>(
    queryParam('applicationId')
      ? 'false_information'
      : (queryParam('trigger') as Trigger) || 'arrears_6_months',
  );
  const [vacancy, setVacancy] = useState<VacancyEvidence | null>(null);
  const [evidencePhotos, setEvidencePhotos] = useState<PickedPhoto[]>([]);
  const [evidenceError, setEvidenceError] = useState('');
  const [busyOpen, setBusyOpen] = useState(false);
  const [evidence, setEvidence] = useState(
    queryParam('trigger') === 'arrears_6_months' || (!queryParam('trigger') && queryParam('leaseId'))
      ? '欠租名单标记：累计欠租达到退出条件'
      : '',
  );
  const [requestId] = useState(newRequestId);
  const [opened, setOpened] = useState(false);

  const load = useCallback(async (f: StateFilter, s: 'due' | 'opened') => {
    try {
      setCases(await callFunction('allocation', 'listExitCases', { state: f, sort: s }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => {
    void load(filter, sort);
    // Patrol signals (vacancy, sublet) of this quarter: cases can be opened from them.
    void callFunction('patrol', 'coverage', { quarter: chinaQuarter() }).then(
      (v) => setSignals(v.signals.filter((x) => x.kind === 'vacancy_sublet')),
      () => setSignals([]),
    );
  });
  // 连续未居住: what the patrol visits show, fetched when the trigger is chosen.
  const chooseTrigger = (k: Trigger, t = target) => {
    setTrigger(k);
    setVacancy(null);
    if (k === 'vacant_6_months' && t && !t.applicationId)
      void callFunction(
        'allocation',
        'vacancyEvidence',
        t.leaseId ? { leaseId: t.leaseId } : { unitId: t.unitId as string },
      ).then(setVacancy, (err) => setEvidenceError(errorText(err)));
  };
  const exporter = useExport(() => callFunction('allocation', 'exportExitCases', { state: filter }));

  const openCase = async () => {
    if (!target) return;
    if (trigger === 'false_information' && !evidence.trim()) {
      setEvidenceError('请写明核查发现的虚假材料（哪项材料、如何核实）。');
      return;
    }
    setEvidenceError('');
    setBusyOpen(true);
    try {
      const photoFileIds =
        trigger === 'false_information' && evidencePhotos.length > 0
          ? await uploadPhotos('exit-evidence', evidencePhotos)
          : [];
      const c = await callFunction('allocation', 'openExitCase', {
        ...(target.leaseId
          ? { leaseId: target.leaseId }
          : target.applicationId
            ? { applicationId: target.applicationId }
            : { unitId: target.unitId as string }),
        trigger,
        source:
          trigger === 'arrears_6_months'
            ? 'arrears'
            : trigger === 'no_longer_eligible'
              ? 'renewal'
              : trigger === 'false_information'
                ? 'office'
                : 'patrol',
        evidence: evidence.trim() || '住房保障部门核查',
        ...(photoFileIds.length > 0 ? { evidencePhotoFileIds: photoFileIds } : {}),
        clientRequestId: requestId,
      });
      toast('已立案', 'success');
      setOpened(true);
      setOpenId(c.id);
      await load('open', sort);
      setFilter('open');
    } catch (err) {
      void notice('未能立案', errorText(err));
    } finally {
      setBusyOpen(false);
    }
  };
  const canOpen = trigger !== 'vacant_6_months' || (vacancy?.reaches ?? false);

  if (error && !cases) return <ErrorState message={error} onRetry={() => void load(filter, sort)} />;
  if (!cases) return <Loading />;
  return (
    <Screen
      id="exit-cases"
      title="退出管理"
      bottom={
        target && !opened ? (
          <Button
            type="primary"
            size="large"
            block
            id="exit-open-submit"
            loading={busyOpen}
            disabled={!canOpen}
            onClick={() => void openCase()}
          >
            立案
          </Button>
        ) : undefined
      }
    >
      {!target && signals.length > 0 ? (
        <View className="card" id="exit-signals">
          <Text className="card-title">巡查发现的空置、转租线索</Text>
          {signals.map((x, i) => (
            <View className="row" key={i}>
              <Text className="value">
                {x.projectName} {x.unitLabel} · {x.note}
              </Text>
              <Button
                fill="outline"
                type="danger"
                id={`exit-signal-${x.unitId}`}
                onClick={() => {
                  const t = { unitId: x.unitId, label: `${x.projectName} ${x.unitLabel}` };
                  setTarget(t);
                  chooseTrigger('sublet_or_change_of_use', t);
                  setEvidence(`巡查线索（${x.kindLabel}）：${x.note}`);
                }}
              >
                立案
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {target && !opened ? (
        <View className="card" id="exit-open">
          <Text className="card-title">启动退出程序{target.label ? `：${target.label}` : ''}</Text>
          <ChoiceChips<Trigger>
            label="退出情形"
            options={
              target.applicationId ? OPEN_TRIGGERS.filter(([k]) => k === 'false_information') : OPEN_TRIGGERS
            }
            value={trigger}
            onChange={(k) => chooseTrigger(k)}
            idOf={(k) => `trigger-${k}`}
          />
          {target.applicationId ? (
            <Text className="muted" style={{ display: 'block' }}>
              已确定为保障对象、尚未签约的家庭：立案后取消轮候登记并处罚款，不涉及退房。
            </Text>
          ) : null}
          {trigger === 'vacant_6_months' ? <VacancyVisits v={vacancy} /> : null}
          <TextField
            id="exit-evidence"
            label={trigger === 'false_information' ? '核查发现的虚假材料' : '立案依据'}
            required={trigger === 'false_information'}
            hint={
              trigger === 'false_information'
                ? '写明哪项材料不实、由哪个部门如何核实。'
                : '巡查记录、举报内容、欠租情况等。'
            }
            multiline
            maxLength={500}
            value={evidence}
            placeholder={
              trigger === 'false_information'
                ? '例如：收入证明不实，经民政部门核对社保记录'
                : '例如：累计欠租 6 个月'
            }
            error={evidenceError}
            onChange={(text) => {
              setEvidence(text);
              setEvidenceError('');
            }}
          />
          {trigger === 'false_information' ? (
            <View>
              <Text className="muted" style={{ display: 'block' }}>
                证据照片（如虚假证明、核查回函），最多 9 张
              </Text>
              <PhotoPicker
                photos={evidencePhotos}
                onChange={setEvidencePhotos}
                max={9}
                buttonId="exit-evidence-photo"
              />
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="card">
        <ChoiceChips<StateFilter>
          label="按状态查看"
          options={FILTERS}
          value={filter}
          onChange={(k) => {
            setFilter(k);
            void load(k, sort);
          }}
          idOf={(k) => `exit-filter-${k}`}
        />
        <ChoiceChips<'due' | 'opened'>
          label="排序"
          options={[
            ['due', '按期限'],
            ['opened', '按立案时间'],
          ]}
          value={sort}
          onChange={(k) => {
            setSort(k);
            void load(filter, k);
          }}
          idOf={(k) => `exit-sort-${k}`}
        />
        <Button
          fill="outline"
          id="exit-export"
          loading={exporter.exporting}
          onClick={() => void exporter.run()}
        >
          {exporter.exporting ? '正在生成…' : '导出表格'}
        </Button>
      </View>

      {cases.length === 0 ? (
        <View className="card">
          <Empty text="没有符合条件的退出案件。" />
        </View>
      ) : null}
      {cases.map((c) => (
        <View className={`card${c.deadline.overdue ? ' overdue' : ''}`} key={c.id} id={`exit-${c.id}`}>
          <View
            className="row"
            id={`exit-row-${c.id}`}
            role="button"
            aria-expanded={openId === c.id}
            {...pressable()}
            onClick={() => setOpenId(openId === c.id ? null : c.id)}
          >
            <Text className="value">
              {c.projectName} {c.unitLabel} · {c.householdName}
            </Text>
            <StatusTag id={`exit-state-${c.id}`} tone={exitStateTone(c)} text={c.stateLabel} />
          </View>
          <Text className="muted" style={{ display: 'block' }}>
            {c.triggerLabel}（{c.sourceLabel}）
          </Text>
          {c.deadline.awaiting ? (
            <Text className={c.deadline.overdue ? 'overdue-text' : 'muted'} style={{ display: 'block' }}>
              待办：{c.deadline.awaiting}
              {c.deadline.dueOn ? `，期限 ${c.deadline.dueOn}` : ''}
              {c.deadline.overdue ? '（已逾期）' : ''}
            </Text>
          ) : null}
          {openId === c.id ? (
            <CaseDetail
              c={c}
              onChanged={(closed) => {
                // A case that has just ended stays in view (with its next step: offer the unit).
                const f = closed && filter === 'open' ? 'all' : filter;
                setFilter(f);
                void load(f, sort);
              }}
            />
          ) : null}
        </View>
      ))}
    </Screen>
  );
}

function CaseDetail({ c, onChanged }: { c: ExitCaseView; onChanged: (closed: boolean) => void }) {
  return (
    <View id={`exit-detail-${c.id}`}>
      {c.state !== 'vacated' && c.state !== 'closed_no_exit' ? (
        <CallTenant id={`call-tenant-${c.id}`} of={{ exitCaseId: c.id }} />
      ) : null}
      <Text className="muted" style={{ display: 'block' }}>
        依据：{c.evidence}
      </Text>
      {c.evidencePhotoUrls.length > 0 ? (
        <View className="photos" id={`exit-evidence-photos-${c.id}`}>
          {c.evidencePhotoUrls.map((url, i) => (
            <View className="photo" key={i}>
              <Image className="photo-img" src={url} mode="aspectFill" />
            </View>
          ))}
        </View>
      ) : null}
      <Text className="muted" style={{ display: 'block' }}>
        条款：{c.clause}
      </Text>
      {c.backPayDueFen > 0 ? (
        <Text className="value" style={{ display: 'block' }} id={`exit-backpay-${c.id}`}>
          按市场价格应补缴租金 {formatFen(c.backPayDueFen)}（已出账各月市场租金与所收租金之差）
        </Text>
      ) : null}
      {c.consequences.map((x, i) => (
        <Text className="muted" key={i} style={{ display: 'block' }}>
          · {x}
        </Text>
      ))}
      {c.statement ? (
        <Text className="value" style={{ display: 'block' }} id={`exit-statement-${c.id}`}>
          住户陈述：{c.statement.text}
        </Text>
      ) : null}
      {c.inspection ? (
        <View id={`exit-inspection-${c.id}`}>
          <Text className="value" style={{ display: 'block' }}>
            验房：{c.inspection.note}
          </Text>
          <View className="photos">
            {c.inspection.photoUrls.map((url, i) => (
              <View className="photo" key={i}>
                <Image className="photo-img" src={url} mode="aspectFill" />
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {c.settlement ? (
        <Text className="value" style={{ display: 'block' }} id={`exit-settlement-${c.id}`}>
          结算：应缴 {formatFen(c.settlement.owedFen)}，押金 {formatFen(c.settlement.depositFen)}，应退{' '}
          {formatFen(c.settlement.refundDueFen)}
          {c.settlement.refundStatus === 'due' ? '（待退款）' : ''}，仍欠{' '}
          {formatFen(c.settlement.stillOwedFen)}
        </Text>
      ) : null}
      {c.settlement?.refundStatus === 'refunded' ? (
        <Text className="value" style={{ display: 'block' }} id={`exit-refunded-${c.id}`}>
          已退款：{c.settlement.refundMethod === 'wechat_refund' ? '微信支付原路退款' : '银行转账'}，凭证{' '}
          {c.settlement.refundReference}
        </Text>
      ) : null}
      {c.settlement?.refundStatus === 'due' ? <RefundForm c={c} onDone={() => onChanged(false)} /> : null}
      {c.banEndsOn ? (
        <Text className="muted" style={{ display: 'block' }}>
          {c.banEndsOn} 前不得再次申请
        </Text>
      ) : null}
      <Text className="card-title">办理记录</Text>
      {c.steps.map((s, i) => (
        <Text className="muted" key={i} style={{ display: 'block' }}>
          {formatInstant(s.at)} {s.label}：{s.note}
        </Text>
      ))}
      {c.nextSteps.map((step) => (
        <StepForm key={step} c={c} step={step} onDone={onChanged} />
      ))}
      {c.state === 'vacated' ? (
        <Button
          fill="outline"
          block
          id={`exit-offer-${c.id}`}
          onClick={() => void Taro.navigateTo({ url: '/pages/admin/index' })}
        >
          房源已空置，去邀约轮候家庭
        </Button>
      ) : null}
    </View>
  );
}

/**
 * The settlement's refund, once paid: by bank transfer (its voucher number) or by a WeChat Pay refund made on
 * the 微信支付退款 page with this case as its source (its refund number).
 */
function RefundForm({ c, onDone }: { c: ExitCaseView; onDone: () => void }) {
  const [method, setMethod] = useState<'transfer' | 'wechat_refund'>('transfer');
  const [reference, setReference] = useState('');
  const [error, setError] = useState('');
  const [referenceError, setReferenceError] = useState('');
  const [busy, setBusy] = useState(false);
  const due = formatFen(c.settlement?.refundDueFen ?? 0);
  const run = async () => {
    if (!reference.trim()) {
      setReferenceError(method === 'transfer' ? '请填写银行转账凭证号' : '请填写微信支付退款单号');
      return;
    }
    setReferenceError('');
    setError('');
    if (!(await confirm('登记退款', `确认已向住户退还 ${due}？登记后不能更改。`))) return;
    setBusy(true);
    try {
      await callFunction('allocation', 'exitRecordRefund', {
        caseId: c.id,
        method,
        reference: reference.trim(),
      });
      toast('已登记退款', 'success');
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" id={`exit-refund-${c.id}`}>
      <Text className="card-title">登记退款（应退 {due}）</Text>
      <View className="chips">
        {(
          [
            ['transfer', '银行转账'],
            ['wechat_refund', '微信支付原路退款'],
          ] as const
        ).map(([m, label]) => (
          <Button
            key={m}
            id={`exit-refund-method-${m}`}
            type={method === m ? 'primary' : 'default'}
            fill={method === m ? 'solid' : 'outline'}
            onClick={() => setMethod(m)}
          >
            {method === m ? '✓ ' : ''}
            {label}
          </Button>
        ))}
      </View>
      <TextField
        id="exit-refund-reference"
        label={method === 'transfer' ? '银行转账凭证号' : '微信支付退款单号'}
        required
        hint={method === 'transfer' ? undefined : '在“微信支付退款”页面的退款记录中查看。'}
        maxLength={64}
        value={reference}
        error={referenceError}
        onChange={(text) => {
          setReference(text);
          setReferenceError('');
        }}
      />
      {error ? (
        <Text className="error" id="exit-refund-error">
          {error}
        </Text>
      ) : null}
      <Button type="primary" block id="exit-refund-submit" loading={busy} onClick={() => void run()}>
        登记退款
      </Button>
    </View>
  );
}

/** One step's form: the fields it needs and its button, confirmed before it is taken. */
function StepForm({
  c,
  step,
  onDone,
}: {
  c: ExitCaseView;
  step: ExitCaseStep;
  onDone: (closed: boolean) => void;
}) {
  // Empty: the period the district set (辖区政策设定, 退出程序), which the function fills in.
  const [days, setDays] = useState('');
  const period = days.trim() === '' ? undefined : Number(days);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [deposit, setDeposit] = useState('');
  const [backPay, setBackPay] = useState(c.backPayDueFen > 0 ? (c.backPayDueFen / 100).toFixed(2) : '0');
  const [damage, setDamage] = useState('0');
  const [fine, setFine] = useState('0');
  const [busy, setBusy] = useState(false);
  // A settlement figure that is not an amount says so under itself (issue #19).
  const [amountErrors, setAmountErrors] = useState<Record<string, string>>({});
  const label = c.stepLabels[step] ?? '';

  const run = async () => {
    if (step === 'settle') {
      const figures = { deposit, backpay: backPay, damage, fine };
      const wrong = Object.fromEntries(
        Object.entries(figures)
          .filter(([, v]) => parseYuan(v.trim() || '0') === null)
          .map(([k]) => [k, '请填写正确的金额（元，最多两位小数）。']),
      );
      setAmountErrors(wrong);
      if (Object.keys(wrong).length > 0) return;
    }
    if (!(await confirm(label, `确定办理「${label}」吗？此操作将记入办理记录。`))) return;
    setBusy(true);
    try {
      const caseId = c.id;
      if (step === 'notify') await callFunction('allocation', 'exitNotify', { caseId, respondDays: period });
      else if (step === 'decide_exit')
        await callFunction('allocation', 'exitDecide', { caseId, reason: text, moveOutDays: period });
      else if (step === 'close_no_exit')
        await callFunction('allocation', 'exitClose', { caseId, reason: text });
      else if (step === 'inspect') {
        const photoFileIds = await uploadPhotos('exit-photo', photos);
        await callFunction('allocation', 'exitInspect', { caseId, note: text, photoFileIds });
      } else if (step === 'settle') {
        // Every figure parses (checked before the confirmation).
        const amounts = [deposit, backPay, damage, fine].map((v) => parseYuan(v.trim() || '0'));
        const [depositFen, backPayFen, damageFen, fineFen] = amounts as number[];
        await callFunction('allocation', 'exitSettle', {
          caseId,
          depositFen: depositFen as number,
          backPayFen: backPayFen as number,
          damageFen: damageFen as number,
          fineFen: fineFen as number,
        });
      } else if (step === 'end_lease')
        await callFunction('allocation', 'exitEndLease', { caseId, note: text || '已退房' });
      toast('已办理', 'success');
      onDone(step === 'end_lease' || step === 'close_no_exit');
    } catch (err) {
      void notice('未能办理', errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id={`step-${step}-${c.id}`}>
      <Text className="card-title">{label}</Text>
      {step === 'notify' || step === 'decide_exit' ? (
        <View className="text-field">
          <Text className="field-label">{step === 'notify' ? '陈述期限' : '退房期限'}</Text>
          <NumberField
            id={`step-${step}-days`}
            label={step === 'notify' ? '陈述期限' : '退房期限'}
            unit="天"
            placeholder="不填按辖区设定"
            value={days}
            onChange={setDays}
          />
        </View>
      ) : null}
      {step === 'decide_exit' || step === 'close_no_exit' || step === 'inspect' || step === 'end_lease' ? (
        <TextField
          id={`step-${step}-text`}
          label={step === 'inspect' ? '验房情况' : step === 'end_lease' ? '备注（选填）' : '理由'}
          multiline
          maxLength={500}
          value={text}
          placeholder={
            step === 'inspect'
              ? '例如：房屋完好，钥匙已交回'
              : step === 'end_lease'
                ? '例如：钥匙已交回'
                : '例如：逾期未陈述，累计欠租无正当理由'
          }
          onChange={setText}
        />
      ) : null}
      {step === 'inspect' ? (
        <PhotoPicker photos={photos} onChange={setPhotos} max={9} buttonId="step-inspect-photo" />
      ) : null}
      {step === 'settle' ? (
        <View>
          <Text className="muted">欠租按账单自动计入（当前 {formatFen(c.arrearsFen)}，以结算时为准）</Text>
          {(
            [
              ['deposit', '押金', deposit, setDeposit],
              ['backpay', '按市场价补缴租金', backPay, setBackPay],
              ['damage', '损坏赔偿', damage, setDamage],
              ['fine', `罚款（上限 ${formatFen(c.maxFineFen)}）`, fine, setFine],
            ] as const
          )
            // Without a lease there is no deposit, back pay or damage: only the fine.
            .filter(([k]) => c.stage === 'tenancy' || k === 'fine')
            .map(([k, name, v, set]) => (
              <View className="text-field" key={k}>
                <Text className="field-label">{name}</Text>
                <NumberField
                  id={`step-settle-${k}`}
                  label={name}
                  unit="元"
                  decimals
                  value={v}
                  error={amountErrors[k]}
                  onChange={(text) => {
                    set(text);
                    setAmountErrors(({ [k]: _, ...rest }) => rest);
                  }}
                />
              </View>
            ))}
        </View>
      ) : null}
      <Button
        type={step === 'close_no_exit' ? 'default' : 'primary'}
        fill={step === 'close_no_exit' ? 'outline' : 'solid'}
        block
        id={`step-${step}-submit`}
        loading={busy}
        onClick={() => void run()}
      >
        {label}
      </Button>
    </View>
  );
}

/** The patrol visits a 连续未居住 case counts from: each visit, what it found, and which are in the run. */
function VacancyVisits({ v }: { v: VacancyEvidence | null }) {
  if (!v) return <Text className="muted">正在读取巡查记录…</Text>;
  return (
    <View id="exit-vacancy">
      <Text
        className={v.reaches ? 'value' : 'overdue-text'}
        style={{ display: 'block' }}
        id="exit-vacancy-months"
      >
        {v.from
          ? `巡查记录显示连续 ${v.months} 个月无人居住（${v.from} 至 ${v.to}）`
          : '巡查记录没有显示无人居住'}
        ，需达到 {v.thresholdMonths} 个月（{v.clause}）{v.reaches ? '' : '，暂不能立案'}
      </Text>
      {v.visits.length === 0 ? <Text className="muted">租约开始后没有这户的走访记录。</Text> : null}
      {v.visits.map((x, i) => (
        <View className="row" key={i}>
          <Text className="value">
            {x.quarterLabel} {x.date} · {x.outcomeLabel} · {x.findingLabel}
            {x.notes ? ` · ${x.notes}` : ''}
          </Text>
          {x.counted ? <StatusTag tone="warn" text="计入" /> : null}
        </View>
      ))}
    </View>
  );
}
