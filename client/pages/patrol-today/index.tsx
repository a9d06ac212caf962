import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ActionOutput, RouteView } from '@shared/contracts';
import { VisitCard } from '../../components/outbox-form';
import { OutboxPanel } from '../../components/outbox-panel';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { CallError, callFunction } from '../../services/call';
import {
  flush,
  outbox,
  startAutoFlush,
  subscribeFlushes,
  subscribeOutbox,
} from '../../services/offline-queue';
import { rememberCare, rememberedToday, rememberToday, rememberVisits } from '../../services/patrol-cache';
import { errorText, formatInstant } from '../../utils/ui';
import { formatDate } from '../../utils/format';
import { SubscribePrompt } from '../../components/subscribe-prompt';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { pressable } from '../../components/keyboard';

type Today = ActionOutput<'patrol', 'myToday'>;

/** Visit ids with a log saved on the phone and not yet sent. */
function pendingVisitIds(): Set<string> {
  return new Set(outbox().flatMap((e) => (e.job.kind === 'logVisit' ? [e.job.input.visitId] : [])));
}

/**
 * 我的巡查 for a safety volunteer (武昌调研报告 二(三)三、四): today's special-care residents first, then
 * today's visits (second attempts included) with their status, then all of this quarter's routes. Works
 * offline from the last loaded copy; records saved on the phone are listed until they are sent.
 */
export default function PatrolToday() {
  const [today, setToday] = useState<Today | null>(null);
  const [routes, setRoutes] = useState<RouteView[]>([]);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [pending, setPending] = useState<Set<string>>(pendingVisitIds);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [t, r] = await Promise.all([
        callFunction('patrol', 'myToday', {}),
        callFunction('patrol', 'myRoutes', {}),
      ]);
      rememberToday({ today: t, routes: r });
      rememberVisits(t.visits);
      rememberCare(t.care);
      setToday(t);
      setRoutes(r);
      setSavedAt(null);
      setError(null);
    } catch (err) {
      const cached = rememberedToday<{ today: Today; routes: RouteView[] }>();
      if (err instanceof CallError && err.code === 'NETWORK' && cached) {
        setToday(cached.today.today);
        setRoutes(cached.today.routes);
        setSavedAt(cached.savedAt);
      } else setError(errorText(err));
    }
  }, []);

  useEffect(() => subscribeOutbox(() => setPending(pendingVisitIds())), []);
  // Whatever sent records (this page, the 立即上传 button, the network coming back), the list reloads once.
  useEffect(
    () =>
      subscribeFlushes((r) => {
        if (r.sent > 0) void load();
      }),
    [load],
  );
  useDidShow(() => {
    startAutoFlush();
    // Send what was saved offline first, so the list shows it as done (reloaded by the listener above).
    void flush().then((r) => {
      if (r.sent === 0) void load();
    });
  });

  if (error && !today) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!today) return <Loading />;
  const c = today.counts;
  return (
    <Screen id="patrol-today" title="我的巡查" tab="patrol">
      <SubscribePrompt moment="volunteer_routes" />
      {savedAt ? (
        <View className="card">
          <Text className="error" id="offline-banner">
            网络不可用，显示的是 {formatInstant(savedAt)} 保存的巡查清单。走访记录会先保存在手机上。
          </Text>
        </View>
      ) : null}
      <OutboxPanel />
      <View className="card">
        <Text className="card-title">今日巡查（{formatDate(today.date)}）</Text>
        <View className="stats">
          <View className="stat">
            <Text className="stat-value" id="count-to-visit">
              {c.toVisit}
            </Text>
            <Text className="muted">待走访</Text>
          </View>
          <View className="stat">
            <Text className="stat-value" id="count-visited">
              {c.visited}
            </Text>
            <Text className="muted">已走访</Text>
          </View>
          <View className="stat">
            <Text className="stat-value">{c.nobodyHome}</Text>
            <Text className="muted">无人在家</Text>
          </View>
          <View className="stat">
            <Text className="stat-value">{c.refused}</Text>
            <Text className="muted">拒绝入户</Text>
          </View>
        </View>
      </View>

      {today.care.length > 0 ? (
        <>
          <Text className="section-title">特殊关爱对象（优先探访）</Text>
          {today.care.map((k) => (
            <View
              className={`card${k.overdue ? ' overdue' : ''}`}
              key={k.careId}
              id={`care-${k.careId}`}
              role="link"
              aria-label={`${k.personName}，${k.reason}，打开关爱探访`}
              {...pressable()}
              onClick={() => void Taro.navigateTo({ url: `/pages/care-checkin/index?id=${k.careId}` })}
            >
              <View className="row">
                <Text className="value">
                  {k.personName} · {k.unitLabel}
                </Text>
                <StatusTag tone="warn" text={k.reason} />
              </View>
              {k.overdue ? <StatusTag tone="bad" text="已超期" /> : null}
              <Text className={k.overdue ? 'muted overdue-text' : 'muted'}>
                {k.notReachedSince
                  ? `自 ${formatInstant(k.notReachedSince)} 起未联系上`
                  : `应于 ${formatInstant(k.nextDueAt)} 前探访`}
              </Text>
            </View>
          ))}
        </>
      ) : null}

      <Text className="section-title">今日走访（{today.visits.length}）</Text>
      {today.visits.length === 0 ? (
        <View className="card">
          <Empty text="今天没有安排走访。可在下方“我的路线”中查看本季度全部任务。" />
        </View>
      ) : (
        today.visits.map((v) => (
          <VisitCard
            key={v.id}
            v={v}
            pending={pending.has(v.id)}
            detail={v.target === 'public_area' ? '公共区域检查' : `第 ${v.attempts + 1} 次走访`}
          />
        ))
      )}

      <Text className="section-title">我的路线（本季度）</Text>
      {routes.length === 0 ? (
        <View className="card">
          <Empty text="本季度还没有分配给您的巡查路线。" />
        </View>
      ) : (
        routes.map((r) => (
          <View
            className="card"
            key={r.id}
            id={`route-${r.id}`}
            role="link"
            aria-label={`${r.projectName} ${r.title}，打开巡查路线`}
            {...pressable()}
            onClick={() => void Taro.navigateTo({ url: `/pages/patrol-route/index?id=${r.id}` })}
          >
            <View className="row">
              <Text className="value">
                {r.projectName} {r.title}
              </Text>
              <Text className="muted">计划 {formatDate(r.plannedOn)}</Text>
            </View>
            <View className="progress">
              <View
                className="progress-bar"
                style={{ width: `${r.total ? Math.round(((r.total - r.toVisit) / r.total) * 100) : 100}%` }}
              />
            </View>
            <Text className="muted">
              {r.runLabel} · 共 {r.total} 处，已走访 {r.visited}，无人在家 {r.nobodyHome}，待走访 {r.toVisit}
            </Text>
          </View>
        ))
      )}
    </Screen>
  );
}
