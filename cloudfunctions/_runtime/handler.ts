import { z } from 'zod';
import { CONTRACTS, type ActionContract, type ActionName, type FunctionName } from '@shared/contracts';
import { AppError, ERROR_MESSAGES, type Envelope, type ErrorCode } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { messageSettingsOf } from '@shared/rules/operator-constants.rule';
import { loadCaller, type Caller } from './caller';
import { sliceFor, type JobSlice } from './job-slice';
import { createOutboxMessages } from './outbox-message.adapter';
import { policyInForce } from './policy-versions';
import type { Runtime } from './runtime';

export interface ServiceContext {
  rt: Runtime;
  caller: Caller;
  requestId: string;
}

/**
 * What a service receives for an action: its input as the contract parsed it (defaults applied), e.g.
 * `In<'billing', 'recordEntry'>`.
 */
export type In<F extends FunctionName, A extends ActionName<F>> =
  (typeof CONTRACTS)[F][A] extends ActionContract<infer I> ? z.output<I> : never;

type Impl<C> =
  C extends ActionContract<infer I, infer O>
    ? (input: z.output<I>, ctx: ServiceContext) => Promise<z.input<O>>
    : never;

export type FunctionImpl<F extends FunctionName> = { [A in ActionName<F>]: Impl<(typeof CONTRACTS)[F][A]> };

/** An HTTP access-service (HTTP trigger) request as CloudBase passes it to a function. */
export interface HttpEvent {
  httpMethod: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}
/** The integration response CloudBase's HTTP access service expects back. */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Events the platform itself sends, which carry no user identity: timer triggers
 * (`{Type:'Timer', TriggerName}`) and HTTP access-service requests (payment notifications).
 */
export interface PlatformHandlers {
  /**
   * Timer jobs by trigger name (cloudbaserc.json); the result is returned in an ok envelope. Each run is one
   * slice (job-slice.ts): a job that stops at its budget with work left marks the answer `unfinished`.
   */
  timers?: Record<string, (rt: Runtime, slice: JobSlice) => Promise<unknown>>;
  /** HTTP requests routed to this function (e.g. WeChat Pay's notify_url). */
  http?: (rt: Runtime, request: HttpEvent) => Promise<HttpResult>;
}

/**
 * A timer run's answer: `unfinished` when the slice stopped at its time budget with work left, for the next
 * firing of the trigger (or, locally, the scheduler at once) to continue.
 */
export type TimerEnvelope = Envelope<unknown> & { unfinished?: true };

/** What CloudBase calls: `exports.main = (event, context) => ...`. */
export type CloudMain = (event: unknown, context?: unknown) => Promise<TimerEnvelope | HttpResult>;

/**
 * A function as `defineFunction` makes it: the factory CloudBase's entry calls, plus the platform events it
 * answers, so the deployment can derive the timer triggers and the HTTP route from the code itself
 * (scripts/deploy: every timer here needs a trigger in cloudbaserc.json, and the reverse).
 */
export type FunctionFactory = ((rt: Runtime) => CloudMain) & {
  readonly platformEvents: { readonly timers: readonly string[]; readonly http: boolean };
};

function isHttpEvent(event: unknown): event is HttpEvent {
  if (!event || typeof event !== 'object') return false;
  const e = event as Partial<HttpEvent>;
  return typeof e.httpMethod === 'string' && typeof e.path === 'string' && typeof e.headers === 'object';
}

let requestCounter = 0;

function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): Envelope<never> {
  return {
    ok: false,
    error: { code, message: message ?? ERROR_MESSAGES[code], ...(fields ? { fields } : {}) },
  };
}

/** Zod issues → field path → Chinese message. Never echoes the submitted values. */
function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '(event)';
    fields[path] =
      issue.code === 'unrecognized_keys'
        ? `不允许的字段：${issue.keys.join('、')}`
        : issue.code === 'invalid_type' && issue.received === 'undefined'
          ? '必填'
          : '格式不正确';
  }
  return fields;
}

/**
 * The one handler wrapper (docs/conventions.md §4): validate the event against its contract (unknown keys
 * rejected), identify the caller from the platform context, load their roles, run the service, and map
 * every failure to the error envelope with no stack trace or PII. Validation and identity both happen
 * before any service code runs, so a malformed or anonymous call writes nothing.
 */
export function defineFunction<F extends FunctionName>(
  name: F,
  impl: FunctionImpl<F>,
  platform: PlatformHandlers = {},
): FunctionFactory {
  const contract = CONTRACTS[name] as Record<string, ActionContract>;
  const factory =
    (rt: Runtime): CloudMain =>
    async (event, context) => {
      const started = Date.now();
      // The district's saved settings in force today replace the preset's examples for the whole call
      // (policy-versions.ts `policyInForce`): every rule a service calls with `rt.policy` reads them. Read
      // lazily, once, when the call gets past the checks that need no policy.
      let inForce: Runtime | null = null;
      const withPolicy = async (): Promise<Runtime> => {
        if (inForce) return inForce;
        const policy = await policyInForce(rt.db, rt.policy, chinaDate(rt.now().getTime()));
        // Messages sent during the call (an urgent alert's acknowledgement wait, its retries) follow the
        // district's saved message settings too. This is the one place they are applied: the call's
        // channels (`rt.notify`, which the message function's sender timers use as they are) carry them, and
        // the message port is rebuilt on those channels, only when they differ from the start's.
        const settings = messageSettingsOf(policy, rt.notify.settings);
        const changed = (Object.keys(settings) as (keyof typeof settings)[]).some(
          (k) => settings[k] !== rt.notify.settings[k],
        );
        const notify = changed ? { ...rt.notify, settings } : rt.notify;
        inForce = {
          ...rt,
          policy,
          ...(changed
            ? {
                notify,
                messages: createOutboxMessages({ db: rt.db, channels: notify, now: rt.now, log: rt.log }),
              }
            : {}),
        };
        return inForce;
      };
      const identity = (): string | null => {
        try {
          return rt.identify(context);
        } catch {
          return null; // a context the platform did not make carries no identity
        }
      };
      // A client can put anything in its event, so an event shaped like a timer's runs a job only when the
      // platform's context says a timer fired it (Runtime.firedByTimer); otherwise it is refused and nothing
      // runs. HTTP access-service requests carry no user either: the only one routed here is WeChat Pay's
      // notification, whose RSA signature the handler verifies on every request (its proof of origin).
      const timerName =
        event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
          ? String((event as { TriggerName?: unknown }).TriggerName ?? '')
          : null;
      if (timerName !== null) {
        if (!rt.firedByTimer(context) || identity()) {
          rt.log.log('warn', 'timer refused', { fn: name, trigger: timerName });
          return fail('UNAUTHENTICATED', '定时任务只能由平台的定时触发器运行。');
        }
        const job = platform.timers?.[timerName];
        if (!job) return fail('UNKNOWN_ACTION', `没有这个定时任务：${timerName}`);
        try {
          const slice = sliceFor(rt);
          const data = await job(await withPolicy(), slice);
          rt.log.log('info', 'timer', {
            fn: name,
            trigger: timerName,
            ms: Date.now() - started,
            unfinished: slice.unfinished,
          });
          return slice.unfinished ? { ok: true, data, unfinished: true } : { ok: true, data };
        } catch (err) {
          rt.log.log('error', 'timer failed', {
            fn: name,
            trigger: timerName,
            error: err instanceof Error ? err.message : typeof err,
          });
          return err instanceof AppError ? fail(err.code, err.message) : fail('INTERNAL');
        }
      }
      if (platform.http && isHttpEvent(event) && !identity()) {
        try {
          return await platform.http(await withPolicy(), event);
        } catch (err) {
          rt.log.log('error', 'http failed', {
            fn: name,
            error: err instanceof Error ? err.name : typeof err,
          });
          return {
            statusCode: 500,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: 'FAIL', message: '处理失败' }),
          };
        }
      }
      const requestId = `${name}-${started.toString(36)}-${(requestCounter++).toString(36)}`;
      const actionName =
        event && typeof event === 'object' && typeof (event as { action?: unknown }).action === 'string'
          ? (event as { action: string }).action
          : null;
      const done = (result: Envelope<unknown>): Envelope<unknown> => {
        rt.log.log(result.ok ? 'info' : 'warn', 'call', {
          fn: name,
          action: actionName,
          requestId,
          ms: Date.now() - started,
          code: result.ok ? null : result.error.code,
        });
        return result;
      };

      if (actionName === null) return done(fail('INVALID_INPUT', '缺少操作类型（action）。'));
      const spec = Object.prototype.hasOwnProperty.call(contract, actionName)
        ? contract[actionName]
        : undefined;
      if (!spec) return done(fail('UNKNOWN_ACTION'));

      const { action: _action, ...payload } = event as Record<string, unknown>;
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) return done(fail('INVALID_INPUT', undefined, fieldsOf(parsed.error)));

      const openid = identity();
      if (!openid) return done(fail('UNAUTHENTICATED'));

      try {
        const caller = await loadCaller(rt.db, openid);
        const run = (impl as Record<string, (input: unknown, ctx: ServiceContext) => Promise<unknown>>)[
          actionName
        ];
        if (!run) return done(fail('UNKNOWN_ACTION'));
        const output = await run(parsed.data, { rt: await withPolicy(), caller, requestId });
        // The output schema is the outbound allow-list (docs/conventions.md §4, §6): zod strips keys it does not name.
        const checked = spec.output.safeParse(output);
        if (!checked.success) {
          rt.log.log('error', 'output failed its contract', { fn: name, action: actionName, requestId });
          return done(fail('INTERNAL'));
        }
        return done({ ok: true, data: checked.data });
      } catch (err) {
        if (err instanceof AppError) return done(fail(err.code, err.message, err.fields));
        if (err instanceof z.ZodError) return done(fail('INVALID_INPUT', undefined, fieldsOf(err)));
        rt.log.log('error', 'unexpected failure', {
          fn: name,
          action: actionName,
          requestId,
          error: err instanceof Error ? err.name : typeof err,
        });
        return done(fail('INTERNAL'));
      }
    };
  return Object.assign(factory, {
    platformEvents: { timers: Object.keys(platform.timers ?? {}), http: Boolean(platform.http) },
  });
}
