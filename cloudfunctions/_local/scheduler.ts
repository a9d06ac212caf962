import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import type { FunctionName } from '@shared/contracts';
import type { LocalHost } from './local-host';

/** One timer trigger as cloudbaserc.json declares it for deployment. */
export interface TimerTrigger {
  fn: FunctionName;
  name: string;
  /** CloudBase's seven-field cron: second minute hour day month weekday year. */
  config: string;
}

const ROOT = path.resolve(__dirname, '../..');

/** The timer triggers the deployment manifest declares (the same list CloudBase is given). */
export function timerTriggers(manifest = path.join(ROOT, 'cloudbaserc.json')): TimerTrigger[] {
  const rc = JSON.parse(readFileSync(manifest, 'utf8')) as {
    functions: { name: FunctionName; triggers?: { name: string; type: string; config: string }[] }[];
  };
  return rc.functions.flatMap((f) =>
    (f.triggers ?? [])
      .filter((t) => t.type === 'timer')
      .map((t) => ({ fn: f.name, name: t.name, config: t.config })),
  );
}

/**
 * CloudBase cron has a seventh field, the year (WeChat cloud development docs, 定时触发器: 秒 分钟 小时 日 月
 * 星期 年); croner takes six. Only `*` is accepted there, so nothing is silently dropped.
 */
export function cronerPattern(config: string): string {
  const fields = config.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`定时触发器的 cron 应有 7 个字段：${config}`);
  if (fields[6] !== '*') throw new Error(`本地调度只支持年份为 * 的 cron：${config}`);
  return fields.slice(0, 6).join(' ');
}

export interface Scheduler {
  /** The next time each trigger fires. */
  next(): { fn: FunctionName; name: string; at: Date | null }[];
  stop(): void;
}

/**
 * The local host's own scheduler: fires each declared timer trigger on its schedule, in China time, through
 * `host.trigger` (the only local path a timer job runs from, besides an admin's button). A run still going
 * when the next is due is skipped, as one container would not start the same job twice.
 */
export function startScheduler(
  host: Pick<LocalHost, 'trigger'>,
  options: { triggers?: TimerTrigger[]; log?: (line: string) => void } = {},
): Scheduler {
  const log = options.log ?? ((line: string) => console.log(line));
  const jobs = (options.triggers ?? timerTriggers()).map((t) => ({
    t,
    cron: new Cron(cronerPattern(t.config), { timezone: 'Asia/Shanghai', protect: true }, async () => {
      // A slice that stops with work left is followed at once by the next (on CloudBase the trigger's next
      // firing continues it; see the README of _runtime/db, "Timer jobs in slices").
      for (let slice = 1; ; slice++) {
        const result = await host.trigger(t.fn, t.name);
        if (result.ok && result.unfinished) {
          log(`定时任务 ${t.fn}/${t.name}：第 ${slice} 段完成，继续下一段`);
          continue;
        }
        log(`定时任务 ${t.fn}/${t.name}：${result.ok ? '完成' : `失败（${result.error.message}）`}`);
        break;
      }
    }),
  }));
  return {
    next: () => jobs.map(({ t, cron }) => ({ fn: t.fn, name: t.name, at: cron.nextRun() })),
    stop: () => jobs.forEach(({ cron }) => cron.stop()),
  };
}
