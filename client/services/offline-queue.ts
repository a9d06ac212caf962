import Taro from '@tarojs/taro';
import type { ActionInput } from '@shared/contracts';
import { CallError, callFunction } from './call';

/**
 * The patrol outbox: what a safety volunteer records on a stairwell with no signal (visit logs, hazards,
 * special-care check-ins) is saved on the phone first and sent when the network returns.
 *
 * Each record carries the id the phone made when it was created (clientLogId / clientHazardId /
 * clientCheckinId); the patrol function stores a record once per id, so sending it again after a lost
 * response returns the stored record instead of a duplicate. Records are sent one at a time, oldest first.
 *
 * Outcomes of a send: success removes the record; a network failure keeps it (and stops the round: the
 * network is down); a refusal by the server (e.g. the visit was moved to another volunteer) keeps it with the
 * server's message so the volunteer can read it and discard it. Nothing is dropped silently.
 */
export type OutboxJob =
  | { kind: 'logVisit'; input: ActionInput<'patrol', 'logVisit'> }
  | { kind: 'reportHazard'; input: ActionInput<'patrol', 'reportHazard'> }
  | { kind: 'careCheckIn'; input: ActionInput<'patrol', 'careCheckIn'> };

export interface OutboxEntry {
  /** The client-made id of the record (unique per kind). */
  id: string;
  job: OutboxJob;
  /** What the volunteer sees in the list, e.g. `1栋 302 走访记录`. */
  title: string;
  queuedAt: string;
  attempts: number;
  /** The server's refusal message; entries with an error are not retried until the volunteer retries them. */
  error: string | null;
}

export interface FlushResult {
  sent: number;
  refused: number;
  remaining: number;
  /** True when a send failed for lack of network. */
  offline: boolean;
}

const KEY = 'anju.patrol.outbox.v1';

function clientIdOf(job: OutboxJob): string {
  if (job.kind === 'logVisit') return job.input.clientLogId;
  if (job.kind === 'reportHazard') return job.input.clientHazardId;
  return job.input.clientCheckinId;
}

function read(): OutboxEntry[] {
  const raw: unknown = Taro.getStorageSync(KEY);
  if (typeof raw !== 'string' || raw === '') return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? (list as OutboxEntry[]) : [];
  } catch {
    return [];
  }
}

function write(list: OutboxEntry[]): void {
  // Throws when the phone's storage is full (mini-program: 10 MB); the caller tells the volunteer.
  Taro.setStorageSync(KEY, JSON.stringify(list));
  for (const l of listeners) l(list);
}

const listeners = new Set<(list: OutboxEntry[]) => void>();

/** Calls `listener` whenever the outbox changes; returns the unsubscribe function. */
export function subscribeOutbox(listener: (list: OutboxEntry[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outbox(): OutboxEntry[] {
  return read();
}

/**
 * Saves a record on the phone. Saving the same record again (same kind and client id) keeps one entry.
 * Throws CallError('INTERNAL') with a Chinese message when the phone's storage is full.
 */
export function enqueue(job: OutboxJob, title: string, now = new Date()): OutboxEntry {
  const id = clientIdOf(job);
  const list = read();
  const existing = list.find((e) => e.id === id && e.job.kind === job.kind);
  if (existing) return existing;
  const entry: OutboxEntry = { id, job, title, queuedAt: now.toISOString(), attempts: 0, error: null };
  try {
    write([...list, entry]);
  } catch {
    throw new CallError('INTERNAL', '手机存储空间不足，记录未能保存。请先联网上传已保存的记录，或减少照片。');
  }
  return entry;
}

/** Removes an entry (after the volunteer read the server's refusal). */
export function discard(id: string, kind: OutboxJob['kind']): void {
  write(read().filter((e) => !(e.id === id && e.job.kind === kind)));
}

/** Clears the refusal of an entry so that the next flush tries it again. */
export function retry(id: string, kind: OutboxJob['kind']): void {
  write(read().map((e) => (e.id === id && e.job.kind === kind ? { ...e, error: null } : e)));
}

async function send(job: OutboxJob): Promise<void> {
  if (job.kind === 'logVisit') await callFunction('patrol', 'logVisit', job.input);
  else if (job.kind === 'reportHazard') await callFunction('patrol', 'reportHazard', job.input);
  else await callFunction('patrol', 'careCheckIn', job.input);
}

let running: Promise<FlushResult> | null = null;

/** Sends what is waiting, oldest first. Concurrent calls share one round. */
export function flush(): Promise<FlushResult> {
  running ??= (async () => {
    const result: FlushResult = { sent: 0, refused: 0, remaining: 0, offline: false };
    for (const entry of read()) {
      if (entry.error) continue;
      try {
        await send(entry.job);
        write(read().filter((e) => !(e.id === entry.id && e.job.kind === entry.job.kind)));
        result.sent++;
      } catch (err) {
        const network = !(err instanceof CallError) || err.code === 'NETWORK';
        const message = err instanceof CallError ? err.message : '上传失败';
        write(
          read().map((e) =>
            e.id === entry.id && e.job.kind === entry.job.kind
              ? { ...e, attempts: e.attempts + 1, error: network ? null : message }
              : e,
          ),
        );
        if (network) {
          result.offline = true;
          break;
        }
        result.refused++;
      }
    }
    result.remaining = read().length;
    return result;
  })().finally(() => {
    running = null;
  });
  return running;
}

let autoFlushOn = false;

/** Sends the outbox whenever the network comes back (mini-program network events; the browser's `online`). */
export function startAutoFlush(): void {
  if (autoFlushOn) return;
  autoFlushOn = true;
  const again = () => void flush();
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) again();
    });
  } catch {
    // Not available in this build: the pages also flush when shown.
  }
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function')
    window.addEventListener('online', again);
}

/**
 * Saves a record and tries to send it at once. `sent`: the server has it; `saved`: kept on the phone for
 * later (no network); `refused`: the server said no (the message says why) and the record was not kept, so
 * the volunteer can correct it on the page they are on.
 */
export async function submit(
  job: OutboxJob,
  title: string,
): Promise<{ state: 'sent' | 'saved' } | { state: 'refused'; message: string }> {
  const entry = enqueue(job, title);
  await flush();
  const after = read().find((e) => e.id === entry.id && e.job.kind === entry.job.kind);
  if (!after) return { state: 'sent' };
  if (after.error) {
    discard(entry.id, entry.job.kind);
    return { state: 'refused', message: after.error };
  }
  return { state: 'saved' };
}
