import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionOutput } from '@shared/contracts';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { useExport } from '../../utils/use-export';
import { confirm, errorText, formatInstant, notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';
import { FigureField } from '../../components/figure-field';

type Results = ActionOutput<'allocation', 'roundResults'>;
type Audit = ActionOutput<'allocation', 'auditLog'>;
type Objections = ActionOutput<'allocation', 'listObjections'>;
/** What the office types on this page, each with its own error under its field. */
type Typed = { seed: string; reason: string; minutes: string; days: string; resolution: string };
type FieldErrors = Partial<Record<keyof Typed, string>>;

/**
 * The lottery's typed fields, one piece: the seed saved when the round was announced, and for a redraw
 * the reason, which is put on record.
 */
const LOTTERY_FIELDS: {
  key: 'seed' | 'reason';
  id: string;
  label: string;
  maxLength: number;
  placeholder: string;
  redrawOnly: boolean;
}[] = [
  {
    key: 'seed',
    id: 'seed',
    label: '摇号种子',
    maxLength: 128,
    placeholder: '发布公告时保存的种子',
    redrawOnly: false,
  },
  {
    key: 'reason',
    id: 'rerun-reason',
    label: '重新摇号原因',
    maxLength: 200,
    placeholder: '将记录在案',
    redrawOnly: true,
  },
];

/** One round for the housing office: close, draw (or redraw with a reason), open selection, publish, export. */
export default function AdminRound() {
  const id = queryParam('id');
  const [data, setData] = useState<Results | null>(null);
  const [audit, setAudit] = useState<Audit>([]);
  const [objections, setObjections] = useState<Objections>([]);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState<Typed>({
    seed: '',
    reason: '',
    minutes: '30',
    days: '7',
    resolution: '',
  });
  const { seed, reason, minutes, days, resolution } = typed;
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const exportResults = useExport(() => callFunction('allocation', 'exportResults', { roundId: id }));

  const load = useCallback(async () => {
    setError(null);
    try {
      const [r, a] = await Promise.all([
        callFunction('allocation', 'roundResults', { roundId: id }),
        callFunction('allocation', 'auditLog', { entityId: id }),
      ]);
      setData(r);
      setAudit(a);
      setObjections(await callFunction('allocation', 'listObjections', { roundId: id }));
      setTyped((t) => ({
        ...t,
        seed: t.seed || ((Taro.getStorageSync(`anju.seed.${id}`) as string) ?? ''),
      }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [id]);
  useDidShow(() => void load());

  const act = async (title: string, content: string, run: () => Promise<unknown>) => {
    if (!(await confirm(title, content))) return;
    setBusy(true);
    try {
      await run();
      toast(`${title}：已完成`, 'success');
      await load();
    } catch (err) {
      void notice(`${title}未成功`, errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!data) return <Loading />;
  const { round, rows } = data;
  const drawn = round.status === 'drawn';

  /** Each typed value is checked before anything is asked, and what is wrong is said under its field. */
  const check = (errors: FieldErrors): boolean => {
    setFieldErrors(errors);
    return !Object.values(errors).some(Boolean);
  };
  const wholeIn = (text: string, min: number, max: number) => {
    const n = Number(text);
    return Number.isInteger(n) && n >= min && n <= max;
  };
  const closeRegistration = () =>
    void act('截止报名', '截止后不能再报名，确定吗？', () =>
      callFunction('allocation', 'closeRegistration', { roundId: id }),
    );
  const runLottery = () => {
    if (
      !check({
        seed: seed.trim().length >= 16 ? undefined : '请输入发布公告时保存的摇号种子（至少 16 位）。',
        reason: drawn && !reason.trim() ? '重新摇号须写明原因。' : undefined,
      })
    )
      return;
    void act(drawn ? '重新摇号' : '摇号', '摇号结果将公开，任何人可用种子核验。确定吗？', () =>
      callFunction('allocation', 'runLottery', {
        roundId: id,
        seed: seed.trim(),
        ...(drawn ? { rerunReason: reason.trim() } : {}),
      }),
    );
  };
  const openSelection = () => {
    if (!check({ minutes: wholeIn(minutes, 1, 1440) ? undefined : '请填写 1 到 1440 之间的整数分钟。' }))
      return;
    void act('开始选房', '按摇号顺序依次分配选房时段，立即开始。确定吗？', () =>
      callFunction('allocation', 'openSelection', {
        roundId: id,
        startsAt: new Date().toISOString(),
        windowMinutes: Number(minutes),
      }),
    );
  };
  const publish = () => {
    if (!check({ days: wholeIn(days, 1, 30) ? undefined : '请填写 1 到 30 之间的整数天数。' })) return;
    void act('发布结果公示', '公示期内可通过异议渠道提出异议。确定发布吗？', () =>
      callFunction('allocation', 'publishResults', { roundId: id, noticeDays: Number(days) }),
    );
  };
  // The stage's one main action sits in the bottom bar; the others stay with their fields.
  const main =
    round.status === 'announced'
      ? { id: 'close-registration', text: '截止报名', onClick: closeRegistration }
      : round.status === 'registration_closed'
        ? { id: 'run-lottery', text: '公开种子并摇号', onClick: runLottery }
        : drawn
          ? { id: 'open-selection', text: '开始选房', onClick: openSelection }
          : round.status === 'selecting'
            ? { id: 'publish', text: '发布结果公示', onClick: publish }
            : null;
  /** A typed field's value, its error, and typing that clears the error. */
  const bind = (key: keyof Typed) => ({
    value: typed[key],
    error: fieldErrors[key],
    onChange: (text: string) => {
      setTyped((t) => ({ ...t, [key]: text }));
      setFieldErrors((f) => ({ ...f, [key]: undefined }));
    },
  });
  const resolve = (objectionId: string) => {
    if (!check({ resolution: resolution.trim() ? undefined : '请先写明核查处理结果。' })) return;
    void act('处理异议', `记录处理结果“${resolution.trim()}”，并恢复相关签约？`, () =>
      callFunction('allocation', 'resolveObjection', { objectionId, resolution: resolution.trim() }),
    );
  };

  return (
    <Screen
      id="admin-round"
      title="配租轮次"
      bottom={
        main ? (
          <NutButton
            type="primary"
            size="large"
            id={main.id}
            loading={busy}
            disabled={busy}
            onClick={main.onClick}
          >
            {main.text}
          </NutButton>
        ) : undefined
      }
    >
      <View className="card">
        <Text className="card-title">{round.title}</Text>
        <StatusTag tone="info" id="round-status" text={round.statusLabel} />
        <View className="row row-keep-label">
          <Text className="label">报名</Text>
          <Text className="value" id="round-registrations">
            {round.registrations} 户
          </Text>
        </View>
        <View className="row row-keep-label">
          <Text className="label">报名截止</Text>
          <Text className="value">{formatInstant(round.registrationClosesAt)}</Text>
        </View>
        <Text className="muted" style={{ display: 'block', wordBreak: 'break-all' }}>
          种子承诺值：{round.seedCommitment}
          {round.seed ? `；种子：${round.seed}；名单摘要：${round.inputDigest}` : ''}
        </Text>
      </View>

      <View className="card">
        {round.status === 'registration_closed' || drawn ? (
          <View>
            {LOTTERY_FIELDS.filter((f) => drawn || !f.redrawOnly).map((f) => (
              <TextField
                key={f.id}
                id={f.id}
                label={f.label}
                maxLength={f.maxLength}
                placeholder={f.placeholder}
                required
                {...bind(f.key)}
              />
            ))}
            {drawn ? (
              <NutButton
                type="primary"
                fill="outline"
                className="action-button"
                block
                id="rerun-lottery"
                disabled={busy}
                onClick={runLottery}
              >
                重新摇号
              </NutButton>
            ) : null}
          </View>
        ) : null}
        {drawn ? (
          <FigureField id="window-minutes" label="每户选房时长" unit="分钟" {...bind('minutes')} />
        ) : null}
        {round.status === 'selecting' || drawn ? (
          <View>
            <FigureField id="notice-days" label="公示天数" unit="天" {...bind('days')} />
            {drawn ? (
              <NutButton
                type="primary"
                fill="outline"
                className="action-button"
                block
                id="publish"
                disabled={busy}
                onClick={publish}
              >
                发布结果公示
              </NutButton>
            ) : null}
          </View>
        ) : null}
        {round.status === 'publicized' ? (
          <Text id="notice" style={{ display: 'block' }}>
            结果公示至 {round.noticeEndsOn}
          </Text>
        ) : null}
        <NutButton
          type="primary"
          fill="outline"
          className="action-button"
          block
          id="export"
          disabled={exportResults.exporting}
          onClick={() => void exportResults.run()}
        >
          {exportResults.exporting ? '正在生成…' : '导出 Excel 表格'}
        </NutButton>
      </View>

      <View className="card" id="results">
        <Text className="card-title">摇号与选房结果</Text>
        {rows.map((r) => (
          <View className="table-row result-row" key={r.registrationId}>
            <Text className="cell">{r.overallRank ?? '—'}</Text>
            <Text className="cell">{r.headName}</Text>
            <Text className="cell">{r.idNumberMasked}</Text>
            <Text className="cell">
              {r.tierLabel.slice(0, 6)} {r.tierRank ?? ''}
            </Text>
            <Text className="cell">{r.statusLabel}</Text>
            <Text className="cell">{r.unitLabel ?? ''}</Text>
          </View>
        ))}
      </View>

      {objections.length ? (
        <View className="card" id="objections">
          <Text className="card-title">公示期异议（{objections.length}）</Text>
          <Text className="muted" style={{ display: 'block' }}>
            未处理的异议暂停相关家庭签约（异议未指明对象的，暂停本轮签约），核查处理后恢复。
          </Text>
          <TextField
            id="objection-resolution"
            label="核查处理结果"
            hint="处理异议时必填，将记录在案"
            multiline
            maxLength={500}
            {...bind('resolution')}
          />
          {objections.map((o) => (
            <View key={o.id} className="row" id={`objection-${o.id}`}>
              <Text className="muted" style={{ display: 'block' }}>
                {formatInstant(o.at)} {o.name}
                {o.registrationId
                  ? `（针对 ${rows.find((r) => r.registrationId === o.registrationId)?.headName ?? o.registrationId}）`
                  : '（未指明对象）'}
                ：{o.text}
                {o.status === 'resolved' ? ` · 已处理：${o.resolution ?? ''}` : ' · 待核查'}
              </Text>
              {o.status === 'pending' ? (
                <NutButton
                  type="primary"
                  fill="outline"
                  id={`resolve-${o.id}`}
                  disabled={busy}
                  onClick={() => resolve(o.id)}
                >
                  标记已处理
                </NutButton>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      <View className="card" id="audit">
        <Text className="card-title">操作记录</Text>
        {audit.map((a, i) => (
          <Text className="muted audit-entry" key={i} style={{ display: 'block' }}>
            {formatInstant(a.at)} {a.actor}：{a.detail}
          </Text>
        ))}
      </View>
    </Screen>
  );
}
