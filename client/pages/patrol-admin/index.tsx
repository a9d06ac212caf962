import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ActionOutput, MeResult, PlanRunView, RouteView } from '@shared/contracts';
import { SEASONAL_PATROLS } from '@shared/rules/patrol.rule';
import { addDays, chinaDate } from '@shared/rules/dates';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { chinaQuarter } from '../../utils/format';
import { confirm, errorText, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { QuarterPicker } from '../../components/quarter-picker';
import { DateField, dateLabel } from '../../components/date-field';
import { ChoiceChips } from '../../components/choice-chips';
import { FieldError } from '../../components/field-frame';
import { StatusTag } from '../../components/status-tag';
import { Button } from '../../components/nut';
import { periodLabel } from '../../utils/period';
import { pressable } from '../../components/keyboard';

type Scope = 'homes_and_public' | 'homes' | 'public_areas';
const SCOPES: [Scope, string][] = [
  ['homes_and_public', '入户和公共区域'],
  ['homes', '仅入户'],
  ['public_areas', '仅公共区域'],
];
const QUARTER = /^\d{4}-Q[1-4]$/;

/**
 * 安全巡查 for managers and the housing office (武昌调研报告 二(三)三): the quarter's patrols, generating the
 * quarter's full-coverage plan (the `quarterly-plan` timer does it on the quarter's first day), adding a
 * seasonal special patrol, and rebalancing routes between a project's volunteers.
 */
export default function PatrolAdmin() {
  const [me, setMe] = useState<MeResult | null>(null);
  const [quarter, setQuarter] = useState(chinaQuarter);
  const [runs, setRuns] = useState<PlanRunView[] | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [routes, setRoutes] = useState<ActionOutput<'patrol', 'routes'> | null>(null);
  const [moving, setMoving] = useState<RouteView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // seasonal patrol form
  const [preset, setPreset] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>('homes_and_public');
  const [today] = useState(() => chinaDate(Date.now()));
  const [startsOn, setStartsOn] = useState(today);
  const [dueOn, setDueOn] = useState(() => addDays(today, 19));
  // The seasonal form's problems, each under its field (issue #19).
  const [formErrors, setFormErrors] = useState<{ project?: string; preset?: string; dueOn?: string }>({});

  const loadRoutes = useCallback(async (p: string, r: string) => {
    try {
      setRoutes(await callFunction('patrol', 'routes', { projectId: p, runId: r }));
    } catch (err) {
      toast(errorText(err));
    }
  }, []);

  const load = useCallback(
    async (q: string) => {
      if (!QUARTER.test(q)) return setError('季度格式应为 2026-Q4。');
      try {
        const [m, r] = await Promise.all([
          callFunction('account', 'me', {}),
          callFunction('patrol', 'runs', { quarter: q }),
        ]);
        setMe(m);
        setRuns(r);
        setError(null);
        const p = projectId ?? m.projects[0]?.id ?? null;
        const run = r.find((x) => x.id === runId) ?? r.find((x) => x.kind === 'quarterly') ?? r[0];
        setProjectId(p);
        setRunId(run?.id ?? null);
        if (p && run) await loadRoutes(p, run.id);
        else setRoutes(null);
      } catch (err) {
        setError(errorText(err));
      }
    },
    [projectId, runId, loadRoutes],
  );
  useDidShow(() => void load(quarter));

  const generate = async () => {
    if (!QUARTER.test(quarter)) return toast('请先选择季度');
    if (
      !(await confirm(
        '生成巡查计划',
        `为 ${periodLabel(quarter)}生成全覆盖入户巡查计划，并按楼栋楼层分配给巡查员？`,
      ))
    )
      return;
    setBusy(true);
    try {
      const run = await callFunction('patrol', 'generatePlan', { quarter });
      toast(
        run.written > 0
          ? `已生成：${run.routes} 条路线，${run.units} 户，${run.publicAreas} 处公共区域`
          : '本季度计划已存在，未重复生成',
      );
      setRunId(run.id);
      await load(quarter);
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const addSeasonal = async () => {
    const problems = {
      project: projectId ? undefined : '请先在上面选择项目。',
      preset: preset ? undefined : '请选择专项巡查类型。',
      dueOn: dueOn < startsOn ? '截止日期不能早于开始日期。' : undefined,
    };
    setFormErrors(problems);
    if (!projectId || !preset || problems.dueOn) return;
    setBusy(true);
    try {
      const run = await callFunction('patrol', 'addSeasonalPatrol', {
        projectId,
        preset,
        scope,
        startsOn,
        dueOn,
      });
      toast(run.written > 0 ? `已添加${run.label}` : `${run.label}已存在`);
      setQuarter(run.quarter);
      setRunId(run.id);
      await load(run.quarter);
    } catch (err) {
      setFormErrors({ preset: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const move = async (route: RouteView, userId: string, name: string) => {
    if (!(await confirm('调整路线', `把“${route.title}”剩余的走访任务交给 ${name}？`))) return;
    try {
      await callFunction('patrol', 'moveRoute', { routeId: route.id, volunteerUserId: userId });
      toast('已调整', 'success');
      setMoving(null);
      if (projectId && runId) await loadRoutes(projectId, runId);
    } catch (err) {
      toast(errorText(err));
    }
  };

  if (error && !runs) return <ErrorState message={error} onRetry={() => void load(quarter)} />;
  if (!runs || !me) return <Loading />;
  return (
    <Screen
      id="patrol-admin"
      title="安全巡查"
      bottom={
        <Button
          type="primary"
          size="large"
          block
          id="generate-plan"
          disabled={busy}
          loading={busy}
          onClick={() => void generate()}
        >
          生成{periodLabel(quarter)}巡查计划
        </Button>
      }
    >
      <View className="card">
        <Text className="card-title">巡查计划</Text>
        <Text className="label" style={{ display: 'block' }}>
          选择季度
        </Text>
        <QuarterPicker
          current={chinaQuarter()}
          value={quarter}
          onChange={(q) => {
            setQuarter(q);
            void load(q);
          }}
        />
        <Text className="muted" style={{ display: 'block' }}>
          生成后按楼栋楼层把入户和公共区域分给巡查员；同一季度再点不会重复生成。
        </Text>
        {error ? <Text className="error">{error}</Text> : null}
      </View>
      {runs.length === 0 ? (
        <View className="card">
          <Empty text={`${periodLabel(quarter)}还没有巡查计划。`} />
        </View>
      ) : (
        runs.map((r) => (
          <View
            key={r.id}
            id={`run-${r.id}`}
            className={runId === r.id ? 'card picked-card' : 'card'}
            role="button"
            aria-pressed={runId === r.id}
            {...pressable()}
            onClick={() => {
              setRunId(r.id);
              if (projectId) void loadRoutes(projectId, r.id);
            }}
          >
            <View className="row">
              <Text className="value">{r.label}</Text>
              <StatusTag
                tone={r.status === 'complete' ? 'ok' : 'warn'}
                text={r.status === 'complete' ? '已生成' : '生成中'}
              />
            </View>
            <Text className="muted" style={{ display: 'block' }}>
              {dateLabel('date', r.startsOn)} 至 {dateLabel('date', r.dueOn)}
            </Text>
            <Text className="muted run-numbers">
              {r.units} 户 · {r.publicAreas} 处公共区域 · {r.routes} 条路线
              {r.unassignedRoutes > 0 ? ` · ${r.unassignedRoutes} 条未分配` : ''}
            </Text>
          </View>
        ))
      )}

      <View className="card">
        <Text className="card-title">路线分配</Text>
        <ChoiceChips
          label="选择项目"
          options={me.projects.map((p) => [p.id, p.name] as const)}
          value={projectId}
          onChange={(id) => {
            setProjectId(id);
            setFormErrors((e) => ({ ...e, project: undefined }));
            if (runId && id) void loadRoutes(id, runId);
          }}
          idOf={(id) => `project-${id}`}
          errorId={formErrors.project ? 'seasonal-project-error' : undefined}
        />
        {routes ? (
          <>
            <Text className="muted" style={{ display: 'block' }}>
              巡查员：
              {routes.volunteers.length === 0
                ? '本项目还没有巡查员'
                : routes.volunteers.map((v) => `${v.name}（${v.routes} 条，${v.units} 户）`).join('，')}
            </Text>
            {routes.routes.length === 0 ? <Empty text="该项目在这次巡查中没有路线。" /> : null}
            {routes.routes.map((r) => (
              <View key={r.id} className="route-row" id={`route-${r.id}`}>
                <View className="row">
                  <View
                    className="link"
                    role="link"
                    {...pressable()}
                    onClick={() => void Taro.navigateTo({ url: `/pages/patrol-route/index?id=${r.id}` })}
                  >
                    {r.title}
                  </View>
                  <Text className={r.volunteerName ? 'value' : 'value overdue-text'}>
                    {r.volunteerName ?? '未分配'}
                  </Text>
                </View>
                <View className="row">
                  <Text className="muted">
                    {r.visited}/{r.total} 已走访 · 计划 {dateLabel('date', r.plannedOn)}
                  </Text>
                  <Button
                    fill="none"
                    className="route-move"
                    id={`move-${r.id}`}
                    aria-expanded={moving?.id === r.id}
                    onClick={() => setMoving(moving?.id === r.id ? null : r)}
                  >
                    调整
                  </Button>
                </View>
                {moving?.id === r.id ? (
                  <View className="chips">
                    {routes.volunteers
                      .filter((v) => v.userId !== r.volunteerUserId)
                      .map((v) => (
                        <Button
                          key={v.userId}
                          fill="outline"
                          id={`move-to-${v.userId}`}
                          onClick={() => void move(r, v.userId, v.name)}
                        >
                          交给 {v.name}
                        </Button>
                      ))}
                  </View>
                ) : null}
              </View>
            ))}
          </>
        ) : null}
      </View>

      <View className="card" id="seasonal-form">
        <Text className="card-title">添加专项巡查</Text>
        <ChoiceChips
          label="专项巡查类型"
          options={SEASONAL_PATROLS.map((p) => [p.id, p.label] as const)}
          value={preset}
          onChange={(id) => {
            setPreset(id);
            setFormErrors((e) => ({ ...e, preset: undefined }));
          }}
          idOf={(id) => `preset-${id}`}
          errorId={formErrors.preset ? 'seasonal-preset-error' : undefined}
        />
        <FieldError id="seasonal-project" error={formErrors.project} />
        <FieldError id="seasonal-preset" error={formErrors.preset} />
        {preset ? (
          <Text className="muted" style={{ display: 'block' }}>
            检查项目：{SEASONAL_PATROLS.find((p) => p.id === preset)?.checklist.join('、')}
          </Text>
        ) : null}
        <ChoiceChips
          label="巡查范围"
          options={SCOPES}
          value={scope}
          onChange={setScope}
          idOf={(s) => `scope-${s}`}
        />
        <DateField
          id="seasonal-start"
          label="开始日期"
          kind="date"
          value={startsOn}
          min={addDays(today, -31)}
          max={addDays(today, 366)}
          onChange={(d) => {
            setStartsOn(d);
            if (dueOn < d) setDueOn(addDays(d, 19));
          }}
        />
        <DateField
          id="seasonal-due"
          label="截止日期"
          kind="date"
          value={dueOn}
          min={startsOn}
          max={addDays(startsOn, 366)}
          onChange={(d) => {
            setDueOn(d);
            setFormErrors((e) => ({ ...e, dueOn: undefined }));
          }}
          error={formErrors.dueOn}
        />
        <Button
          fill="outline"
          type="primary"
          block
          id="add-seasonal"
          disabled={busy}
          onClick={() => void addSeasonal()}
        >
          添加到所选项目
        </Button>
      </View>

      <View className="card">
        <Button
          fill="outline"
          type="primary"
          block
          id="go-hazards"
          onClick={() => void Taro.navigateTo({ url: '/pages/hazards/index' })}
        >
          隐患整改
        </Button>
        <Button
          fill="outline"
          type="primary"
          block
          id="go-coverage"
          onClick={() => void Taro.navigateTo({ url: `/pages/patrol-coverage/index?quarter=${quarter}` })}
        >
          巡查覆盖报告
        </Button>
        <Button
          fill="outline"
          type="primary"
          block
          id="go-care-registry"
          onClick={() => void Taro.navigateTo({ url: '/pages/care-registry/index' })}
        >
          特殊关爱名单
        </Button>
      </View>
    </Screen>
  );
}
