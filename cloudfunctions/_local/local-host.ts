import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionName } from '@shared/contracts';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { ERROR_MESSAGES, type Envelope } from '@shared/errors';
import { openEmbeddedDatabase } from '../_runtime/db';
import { districtPolicy } from '../_runtime/district-policy';
import { createJsonLogger, type Logger } from '../_runtime/logger';
import { createOutboxMessages } from '../_runtime/outbox-message.adapter';
import type { CloudMain, HttpEvent, HttpResult } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { FUNCTIONS } from '../registry';
import { indexDefinitions } from '../../config/database/indexes';
import { seedDemoData, type Persona } from './demo-seed';
import { createLocalStorage } from './local-storage.adapter';
import { createSandboxPayments } from './sandbox-payments.adapter';
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
}

export interface LocalHost {
  runtime: Runtime;
  personas: Persona[];
  /**
   * Calls a function the way CloudBase would: the event as sent by the client, and a platform context
   * carrying the caller's OPENID (already verified by the caller of `invoke`), or none.
   */
  invoke(fn: string, event: unknown, caller: { openid?: string | null }): Promise<Envelope<unknown>>;
  /** Fires a timer trigger the way CloudBase does (no user identity). */
  trigger(fn: FunctionName, triggerName: string): Promise<Envelope<unknown>>;
  /** Delivers an HTTP access-service request (e.g. a payment notification) to a function. */
  http(fn: FunctionName, request: HttpEvent): Promise<HttpResult>;
  close(): void;
}

/**
 * The functions on the embedded database: used by `npm start`'s server, by function tests and by the
 * mini-program test harness. Same handler code as production; only the runtime differs.
 */
export async function createLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const embedded = openEmbeddedDatabase({ filename: options.dataFile, indexes: indexDefinitions });
  const now = options.now ?? (() => new Date());
  const filesDir = options.filesDir ?? path.join(os.tmpdir(), `anju-files-${process.pid}`);
  mkdirSync(filesDir, { recursive: true });
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
    log: options.log ?? createJsonLogger(),
    policy: options.policy ?? districtPolicy(),
    storage: createLocalStorage(filesDir),
    messages: createOutboxMessages(embedded.db, now),
    payments: createSandboxPayments(embedded.db, now),
    people: createLocalPeople(),
  };
  const mains = Object.fromEntries(
    Object.entries(FUNCTIONS).map(([name, factory]) => [name, factory(runtime)]),
  ) as Record<FunctionName, CloudMain>;
  const { personas } = options.seed
    ? await seedDemoData(embedded.db, now(), runtime.people.idKeys())
    : { personas: [] as Persona[] };

  return {
    runtime,
    personas,
    async invoke(fn, event, caller) {
      const main = Object.prototype.hasOwnProperty.call(mains, fn) ? mains[fn as FunctionName] : undefined;
      if (!main)
        return { ok: false, error: { code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION } };
      const result = await main(event, caller.openid ? { localOpenid: caller.openid } : {});
      if ('statusCode' in result) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: ERROR_MESSAGES.INVALID_INPUT } };
      }
      return result;
    },
    async trigger(fn, triggerName) {
      const result = await mains[fn](
        { Type: 'Timer', TriggerName: triggerName, Time: now().toISOString() },
        { localTimer: true },
      );
      if ('statusCode' in result) throw new Error('a timer returned an HTTP response');
      return result;
    },
    async http(fn, request) {
      const result = await mains[fn](request, {});
      if (!('statusCode' in result)) throw new Error(`${fn} does not answer HTTP requests`);
      return result;
    },
    close: () => embedded.close(),
  };
}
