import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionName } from '@shared/contracts';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { ERROR_MESSAGES, type Envelope } from '@shared/errors';
import { openEmbeddedDatabase, runWithTimeLimit } from '../_runtime/db';
import { JOB_SLICE_BUDGET_MS, TIME_LIMIT_ERROR_CODE, TIMER_RUN_LIMIT_MS } from '../_runtime/platform-limits';
import { districtPolicy } from '../_runtime/district-policy';
import { createJsonLogger, type Logger } from '../_runtime/logger';
import { createOutboxMessages } from '../_runtime/outbox-message.adapter';
import type { CloudMain, HttpEvent, HttpResult, TimerEnvelope } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import {
  callBodyBytes,
  MAX_CALL_PAYLOAD_BYTES,
  MAX_CALL_RESPONSE_BYTES,
  responseBytes,
} from '../_runtime/platform-limits';
import { FUNCTIONS } from '../registry';
import { indexDefinitions } from '../../config/database/indexes';
import { seedDemoData, type Persona } from './demo-seed';
import { seedLocalSettings } from './settings-seed';
import { AppError } from '@shared/errors';
import { UPLOAD_PURPOSES, parseUploadPath } from '@shared/uploads';
import { createLocalStorage, type LocalStorage } from './local-storage.adapter';
import { createSandboxPayments } from './sandbox-payments.adapter';
import { createSandboxNotify, type SandboxNotify } from './sandbox-notify.adapter';
import { createLocalPeople } from './local-people.adapter';

export interface LocalHostOptions {
  /** SQLite file path, or ':memory:' for tests. */
  dataFile: string;
  /** Folder for uploaded files; a temp folder when omitted. */
  filesDir?: string;
  /** Seed the demo district when the database has none. */
  seed?: boolean;
  /** Injected clock (tests); defaults to the system clock. */
  now?: () => Date;
  log?: Logger;
  policy?: PolicyPreset;
  /**
   * Save the preset's figures as the district's own settings version (default true), so the demo and the
   * tests bill; false leaves the district with its examples only, as a fresh deployment is.
   */
  savedSettings?: boolean;
  /** A timer run's time limit (TIMER_RUN_LIMIT_MS, as on the platform); tests set a small one. */
  timerLimitMs?: number;
  /** One slice's time budget (JOB_SLICE_BUDGET_MS); tests set 0 to force a job into many slices. */
  jobSliceBudgetMs?: number;
}

/** What `runTimer` reports: the last slice's answer, how many slices the run took and the longest. */
export interface TimerRun {
  result: TimerEnvelope;
  slices: number;
  longestSliceMs: number;
  limitMs: number;
}

export interface LocalHost {
  runtime: Runtime;
  /** The local storage behind `runtime.storage` (file IDs, signed temporary addresses). */
  files: LocalStorage;
  /**
   * What `wx.cloud.uploadFile` does for a signed-in person: stores `bytes` at `cloudPath` and answers the
   * file ID. Only under the caller's own `uploads/<openid>/<purpose>/<name>.<ext>` and within the purpose's
   * size; anything else is refused with a Chinese message (AppError) and nothing is stored.
   */
  upload(openid: string | null, cloudPath: string, bytes: Uint8Array): Promise<string>;
  /** The WeChat and SMS sandboxes (what they sent; scripted failures for tests). */
  sandbox: SandboxNotify;
  personas: Persona[];
  /**
   * Calls a function the way CloudBase would: the event as sent by the client, and a platform context
   * carrying the caller's OPENID (already verified by the caller of `invoke`), or none. As on CloudBase, a
   * call whose body is over the payload limit is refused before the function runs (nothing changes), and
   * an answer over the response limit is replaced by the platform's error (platform-limits.ts).
   */
  invoke(fn: string, event: unknown, caller: { openid?: string | null }): Promise<Envelope<unknown>>;
  /**
   * Fires a timer trigger the way CloudBase does (no user identity), under the platform's time limit: a run
   * that passes it fails with FUNCTIONS_TIME_LIMIT_EXCEEDED and its later database requests are refused.
   * One call is one slice; `unfinished` says the job left work for the next firing.
   */
  trigger(fn: FunctionName, triggerName: string): Promise<TimerEnvelope>;
  /**
   * Fires a trigger again and again, as its next firings would, until the job answers without
   * `unfinished` (or fails, or `maxSlices` is reached): how a long job completes through slices.
   */
  runTimer(fn: FunctionName, triggerName: string, options?: { maxSlices?: number }): Promise<TimerRun>;
  /** Delivers an HTTP access-service request (e.g. a payment notification) to a function. */
  http(fn: FunctionName, request: HttpEvent): Promise<HttpResult>;
  close(): void;
}

const tooLargeMessage = (spec: { what: string; maxBytes: number }) =>
  `${spec.what}不能超过 ${Math.round((spec.maxBytes / 1024 / 1024) * 10) / 10} MB，请压缩后重新上传。`;

/**
 * The functions on the embedded database: used by `npm start`'s server, by function tests and by the
 * mini-program test harness. Same handler code as production; only the runtime differs.
 */
export async function createLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const embedded = openEmbeddedDatabase({ filename: options.dataFile, indexes: indexDefinitions });
  const now = options.now ?? (() => new Date());
  const filesDir = options.filesDir ?? path.join(os.tmpdir(), `anju-files-${process.pid}`);
  mkdirSync(filesDir, { recursive: true });
  const files = createLocalStorage(filesDir, { now });
  const log = options.log ?? createJsonLogger();
  const sandbox = createSandboxNotify(embedded.db, now);
  const runtime: Runtime = {
    mode: 'local',
    db: embedded.db,
    now,
    // The local host passes the OPENID it verified from the signed development session.
    identify: (context) =>
      context &&
      typeof context === 'object' &&
      typeof (context as { localOpenid?: unknown }).localOpenid === 'string'
        ? (context as { localOpenid: string }).localOpenid
        : null,
    // Locally only `trigger` (the local host's own scheduler and tests) marks a call as the timer's; the
    // HTTP server never passes a context that could carry the mark.
    firedByTimer: (context) =>
      Boolean(
        context && typeof context === 'object' && (context as { localTimer?: unknown }).localTimer === true,
      ),
    log,
    policy: options.policy ?? districtPolicy(),
    storage: files,
    messages: createOutboxMessages({ db: embedded.db, channels: sandbox.channels, now, log }),
    notify: sandbox.channels,
    payments: createSandboxPayments(embedded.db, now, log),
    people: createLocalPeople(),
    jobSliceBudgetMs: options.jobSliceBudgetMs ?? JOB_SLICE_BUDGET_MS,
  };
  const timerLimitMs = options.timerLimitMs ?? TIMER_RUN_LIMIT_MS;
  const trigger = async (fn: FunctionName, triggerName: string): Promise<TimerEnvelope> => {
    let result: Awaited<ReturnType<CloudMain>>;
    try {
      result = await runWithTimeLimit(timerLimitMs, () =>
        mains[fn](
          { Type: 'Timer', TriggerName: triggerName, Time: now().toISOString() },
          { localTimer: true },
        ),
      );
    } catch (err) {
      if ((err as { code?: unknown }).code !== TIME_LIMIT_ERROR_CODE) throw err;
      runtime.log.log('error', 'timer timed out', { fn, trigger: triggerName, limitMs: timerLimitMs });
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `定时任务运行超过平台时限（${Math.round(timerLimitMs / 1000)} 秒），已被终止。`,
        },
      };
    }
    if ('statusCode' in result) throw new Error('a timer returned an HTTP response');
    return result;
  };
  const mains = Object.fromEntries(
    Object.entries(FUNCTIONS).map(([name, factory]) => [name, factory(runtime)]),
  ) as Record<FunctionName, CloudMain>;
  if (options.savedSettings !== false) await seedLocalSettings(embedded.db, runtime.policy, now());
  const { personas } = options.seed
    ? await seedDemoData(embedded.db, now(), runtime.people.idKeys())
    : { personas: [] as Persona[] };

  return {
    runtime,
    files,
    sandbox,
    personas,
    async upload(openid, cloudPath, bytes) {
      if (!openid) throw new AppError('UNAUTHENTICATED');
      const target = parseUploadPath(cloudPath);
      if (!target || target.openid !== openid)
        throw new AppError('INVALID_INPUT', '只能上传到您自己的上传目录。');
      const spec = UPLOAD_PURPOSES[target.purpose];
      if (bytes.length === 0) throw new AppError('INVALID_INPUT', `${spec.what}是空文件，请重新选择。`);
      if (bytes.length > spec.maxBytes) throw new AppError('INVALID_INPUT', tooLargeMessage(spec));
      return files.upload(cloudPath, bytes, 'application/octet-stream');
    },
    async invoke(fn, event, caller) {
      const main = Object.prototype.hasOwnProperty.call(mains, fn) ? mains[fn as FunctionName] : undefined;
      if (!main)
        return { ok: false, error: { code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION } };
      if (callBodyBytes(fn, event) > MAX_CALL_PAYLOAD_BYTES) return payloadRefusal();
      const result = await main(event, caller.openid ? { localOpenid: caller.openid } : {});
      if ('statusCode' in result) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: ERROR_MESSAGES.INVALID_INPUT } };
      }
      const bytes = responseBytes(result);
      if (bytes > MAX_CALL_RESPONSE_BYTES) {
        runtime.log.log('error', 'response over the platform limit', { fn, bytes });
        return {
          ok: false,
          error: { code: 'EXCEED_MAX_RESPONSE_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_RESPONSE_SIZE },
        };
      }
      return result;
    },
    trigger,
    async runTimer(fn, triggerName, opts = {}) {
      const maxSlices = opts.maxSlices ?? 10_000;
      let slices = 0;
      let longestSliceMs = 0;
      for (;;) {
        const started = performance.now();
        const result = await trigger(fn, triggerName);
        longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
        slices++;
        if (!result.ok || !result.unfinished || slices >= maxSlices)
          return { result, slices, longestSliceMs, limitMs: timerLimitMs };
      }
    },
    async http(fn, request) {
      const result = await mains[fn](request, {});
      if (!('statusCode' in result)) throw new Error(`${fn} does not answer HTTP requests`);
      return result;
    },
    close: () => embedded.close(),
  };
}

/**
 * CloudBase's answer to a call over the payload limit (EXCEED_MAX_PAYLOAD_SIZE,
 * https://docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE ), in Chinese.
 */
export function payloadRefusal(): Envelope<never> {
  return {
    ok: false,
    error: { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE },
  };
}
