import Taro from '@tarojs/taro';
import type { ActionInput } from '@shared/contracts';
import type { UploadPurpose } from '@shared/uploads';
import { CallError, callFunction } from './call';
import { uploadFile } from './upload';

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
 *
 * Photos: a job is saved with the phone's own copies of its photos in `photos` (a file path in the
 * mini-program, a data: URL in the browser), since a stairwell has no signal to upload them. At send time
 * each photo is uploaded to cloud storage (client/services/upload.ts) and the call carries the file IDs.
 * Each ID is saved with the entry as soon as its upload answers, so a retry (after a lost answer or a dead
 * network) uploads only what is still missing, and the local copies are kept until the call succeeds.
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

/**
 * Storage layout. WeChat allows 1 MB per storage key (10 MB in all), so photos are not kept in the index:
 * each photo has its own key `<KEY>.photo.<kind>.<id>.<n>` and the index entry keeps the job without them.
 */
function photoKey(kind: OutboxJob['kind'], id: string, n: number): string {
  return `${KEY}.photo.${kind}.${id}.${n}`;
}

function photosOf(job: OutboxJob): string[] {
  return job.kind === 'careCheckIn' ? [] : job.input.photos;
}

function withPhotos(job: OutboxJob, photos: string[]): OutboxJob {
  if (job.kind === 'logVisit') return { ...job, input: { ...job.input, photos } };
  if (job.kind === 'reportHazard') return { ...job, input: { ...job.input, photos } };
  return job;
}

interface StoredEntry extends OutboxEntry {
  /** How many photos are stored under their own keys. */
  photoCount: number;
  /** File IDs of the photos already uploaded, in order (the first `uploadedIds.length` photos). */
  uploadedIds?: string[];
}

/** Which upload folder a job's photos go to (each action accepts only its own purpose). */
function purposeOf(kind: OutboxJob['kind']): UploadPurpose {
  return kind === 'logVisit' ? 'visit-photo' : 'hazard-photo';
}

/** The extension of a kept photo: from a data: URL's type or a path's extension (JPEG otherwise). */
function extOf(source: string): string {
  return /^data:image\/png[;,]/.test(source) || /\.png$/i.test(source) ? 'png' : 'jpg';
}

/**
 * Mini-program: a photo's temp file lasts only while the app runs, so the outbox keeps its own saved copy
 * (wx.getFileSystemManager().saveFileSync); the copy is removed with the entry. Browser photos are data: URLs
 * kept in storage as they are.
 */
function keepLocalCopy(source: string): string {
  if (process.env.TARO_ENV !== 'weapp' || source.startsWith('data:')) return source;
  try {
    return Taro.getFileSystemManager().saveFileSync(source);
  } catch {
    return source; // not saved: the temp file still serves while the app runs
  }
}

function dropLocalCopy(source: unknown): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof source !== 'string' || source.startsWith('data:')) return;
  try {
    Taro.getFileSystemManager().unlinkSync(source);
  } catch {
    // already gone
  }
}

function read(): StoredEntry[] {
  const raw: unknown = Taro.getStorageSync(KEY);
  if (typeof raw !== 'string' || raw === '') return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? (list as StoredEntry[]) : [];
  } catch {
    return [];
  }
}

function write(list: StoredEntry[]): void {
  // Throws when the phone's storage is full; enqueue tells the volunteer.
  Taro.setStorageSync(KEY, JSON.stringify(list));
  for (const l of listeners) l(list);
}

function removePhotos(e: StoredEntry): void {
  for (let n = 0; n < e.photoCount; n++) {
    const key = photoKey(e.job.kind, e.id, n);
    dropLocalCopy(Taro.getStorageSync(key));
    Taro.removeStorageSync(key);
  }
}

/** The entry's job with its photos read back; null when a photo is missing (storage cleared). */
function fullJob(e: StoredEntry): OutboxJob | null {
  const photos: string[] = [];
  for (let n = 0; n < e.photoCount; n++) {
    const p: unknown = Taro.getStorageSync(photoKey(e.job.kind, e.id, n));
    if (typeof p !== 'string' || p === '') return null;
    photos.push(p);
  }
  return withPhotos(e.job, photos);
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
  const photos = photosOf(job);
  const entry: StoredEntry = {
    id,
    job: withPhotos(job, []),
    title,
    queuedAt: now.toISOString(),
    attempts: 0,
    error: null,
    photoCount: photos.length,
  };
  try {
    photos.forEach((p, n) => Taro.setStorageSync(photoKey(job.kind, id, n), keepLocalCopy(p)));
    write([...list, entry]);
  } catch {
    removePhotos(entry);
    throw new CallError('INTERNAL', '手机存储空间不足，记录未能保存。请先联网上传已保存的记录，或减少照片。');
  }
  return entry;
}

/** Removes an entry (after the volunteer read the server's refusal). */
export function discard(id: string, kind: OutboxJob['kind']): void {
  const list = read();
  for (const e of list) if (e.id === id && e.job.kind === kind) removePhotos(e);
  write(list.filter((e) => !(e.id === id && e.job.kind === kind)));
}

/** Clears the refusal of an entry so that the next flush tries it again. */
export function retry(id: string, kind: OutboxJob['kind']): void {
  write(read().map((e) => (e.id === id && e.job.kind === kind ? { ...e, error: null } : e)));
}

/**
 * Uploads the entry's photos that are not uploaded yet, saving each file ID with the entry as it answers,
 * and answers the job with the file IDs in place of the local photos.
 */
async function withUploadedPhotos(entry: StoredEntry, job: OutboxJob): Promise<OutboxJob> {
  const local = photosOf(job);
  const ids = [...(entry.uploadedIds ?? [])].slice(0, local.length);
  for (let n = ids.length; n < local.length; n++) {
    ids.push(await uploadFile(purposeOf(job.kind), local[n] as string, extOf(local[n] as string)));
    const saved = [...ids];
    write(
      read().map((e) =>
        e.id === entry.id && e.job.kind === entry.job.kind ? { ...e, uploadedIds: saved } : e,
      ),
    );
  }
  return withPhotos(job, ids);
}

async function send(job: OutboxJob): Promise<void> {
  if (job.kind === 'logVisit') await callFunction('patrol', 'logVisit', job.input);
  else if (job.kind === 'reportHazard') await callFunction('patrol', 'reportHazard', job.input);
  else await callFunction('patrol', 'careCheckIn', job.input);
}

const flushListeners = new Set<(r: FlushResult) => void>();

/** Calls `listener` after every send round (from a page, a tap or the network coming back). */
export function subscribeFlushes(listener: (r: FlushResult) => void): () => void {
  flushListeners.add(listener);
  return () => flushListeners.delete(listener);
}

let running: Promise<FlushResult> | null = null;

/** Sends what is waiting, oldest first. Concurrent calls share one round. */
export function flush(): Promise<FlushResult> {
  running ??= (async () => {
    const result: FlushResult = { sent: 0, refused: 0, remaining: 0, offline: false };
    for (const entry of read()) {
      if (entry.error) continue;
      const job = fullJob(entry);
      if (!job) {
        write(
          read().map((e) =>
            e.id === entry.id && e.job.kind === entry.job.kind
              ? { ...e, error: '手机上保存的照片已丢失，请删除这条记录后重新填写。' }
              : e,
          ),
        );
        result.refused++;
        continue;
      }
      try {
        await send(await withUploadedPhotos(entry, job));
        discard(entry.id, entry.job.kind);
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
    for (const l of flushListeners) l(result);
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
