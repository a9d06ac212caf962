import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Db } from '@cloudbase/database';
import Database from 'better-sqlite3';
import { EJSON } from 'bson';
import { find, Query } from 'mingo';
import { update as applyUpdate } from 'mingo/updater';
import type { IndexDefinitions } from '../../../config/database/indexes';
import type { DatabasePort } from './database.port';
import { MAX_TRANSACTION_MS, MAX_TRANSACTION_WRITES } from '../platform-limits';
import { AsyncMutex } from './async-mutex';
import { IN_LIST_LIMIT, QUERY_LIMIT, TIME_LIMIT_ERROR_CODE } from '../platform-limits';

/**
 * The embedded database: the REAL CloudBase SDK query builder (`@cloudbase/database`, the package
 * node-sdk uses) builds every request; this file only answers them, from SQLite.
 *
 * The seam: every SDK call ends in `new Db.reqClass(config).send(action, params)`. We install a requester
 * class that answers locally when the Db's config carries an embedded backend, and otherwise hands the
 * request to whatever requester node-sdk installed (so a production Db in the same process still works).
 *
 * Storage: one table per collection `(id TEXT PRIMARY KEY, data TEXT)`, the document as relaxed Extended
 * JSON. Indexes from config/database/indexes.ts become expression indexes on `json_extract(data, '$.f')`.
 * A query's equality, `$in` and range conditions on indexed fields (and `_id`) are pushed down to SQL as a
 * pre-filter; mingo then applies the exact Mongo semantics, sort, skip, limit and projection, and the
 * update operators. Transactions are real SQLite transactions; one async mutex serialises them against
 * every other operation (see README.md in this folder for the differences from CloudBase).
 */

type Json = Record<string, unknown>;

interface DbError extends Error {
  code: string;
}

function dbError(code: string, message: string): DbError {
  const err = new Error(message) as DbError;
  err.code = code;
  return err;
}

const MAX_LIMIT = QUERY_LIMIT;
const DEFAULT_LIMIT = 100;
const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * One function invocation's time limit, as the local host enforces it: once `expired`, every further request
 * made from the invocation's async context fails with the platform's time-limit error, as the platform
 * freezes a function that runs past its timeout (see `runWithTimeLimit`). A transaction it left open is
 * rolled back, as CloudBase does when a transaction times out.
 */
const invocationLimit = new AsyncLocalStorage<{ expired: boolean }>();

/**
 * Runs `fn` with a time limit: answers its result, or, after `limitMs`, rejects with the platform's
 * FUNCTIONS_TIME_LIMIT_EXCEEDED error; from then on the database refuses whatever `fn` still sends.
 */
export async function runWithTimeLimit<T>(limitMs: number, fn: () => Promise<T>): Promise<T> {
  const store = { expired: false };
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      store.expired = true;
      reject(
        dbError(TIME_LIMIT_ERROR_CODE, `函数运行超过时限（${Math.round(limitMs / 1000)} 秒），已被终止`),
      );
    }, limitMs);
  });
  try {
    return await Promise.race([invocationLimit.run(store, fn), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a transaction context looks like to the requester (see `runTransaction` below). */
const txContext = new AsyncLocalStorage<{ backend: EmbeddedBackend }>();

/** Requests inside a transaction that write a document (each writes exactly one: single-document only). */
const WRITE_ACTIONS = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
]);

/** CloudBase's limits on one transaction (platform-limits.ts); tests may lower them. */
export interface TransactionLimits {
  /** How long a transaction may stay open before the server drops (rolls back) it. */
  maxMs: number;
  /** The most document writes one transaction may make. */
  maxWrites: number;
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

/** `db.serverDate()` arrives as `{ $tcb_server_date: { offset } }`; the server replaces it with its clock. */
function resolveServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Json;
    if ('$tcb_server_date' in obj) {
      const offset = Number((obj.$tcb_server_date as { offset?: number })?.offset ?? 0);
      return new Date(now + offset);
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(obj)) out[k] = resolveServerDates(v, now);
    return out;
  }
  return value;
}

/** `db.RegExp()` arrives as a BSON regular expression; mingo matches native ones. */
function toNativeRegExps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toNativeRegExps);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const bson = value as { _bsontype?: string; pattern?: string; options?: string };
    if (bson._bsontype === 'BSONRegExp' || bson._bsontype === 'BSONRegex') {
      return new RegExp(bson.pattern ?? '', (bson.options ?? '').replace(/[^imsu]/g, ''));
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) out[k] = toNativeRegExps(v);
    return out;
  }
  return value;
}

function parseEjson(text: string | undefined): Json {
  if (!text) return {};
  if (!text.includes('"$')) return JSON.parse(text) as Json;
  return EJSON.parse(text, { relaxed: true }) as Json;
}

function serialize(doc: Json): string {
  return EJSON.stringify(doc, { relaxed: true });
}

function deserialize(text: string): Json {
  // Without a `"$` anywhere there is no Extended JSON type wrapper ($date, $oid, …), so JSON.parse gives the
  // same value several times faster; anything else takes the EJSON path.
  if (!text.includes('"$')) return JSON.parse(text) as Json;
  return EJSON.parse(text, { relaxed: true }) as Json;
}

/**
 * Refuses an `in` / `nin` list longer than IN_LIST_LIMIT (platform-limits.ts), so code that forgets to chunk
 * its lists fails here rather than against CloudBase.
 */
function checkInLists(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) checkInLists(v);
    return;
  }
  if (!value || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return;
  for (const [key, v] of Object.entries(value as Json)) {
    if ((key === '$in' || key === '$nin') && Array.isArray(v) && v.length > IN_LIST_LIMIT) {
      throw dbError(
        'INVALID_PARAM',
        `in 查询的列表过长（${v.length} 项，上限 ${IN_LIST_LIMIT} 项），请分批查询`,
      );
    }
    checkInLists(v);
  }
}

function jsonPath(field: string): string {
  return `'$.${field}'`;
}

function isScalar(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

interface PushDown {
  where: string[];
  params: (string | number)[];
  /** True when SQL alone decides the match (no residual condition for mingo). */
  exact: boolean;
}

class EmbeddedBackend {
  readonly sqlite: Database.Database;
  private readonly mutex = new AsyncMutex();
  private readonly known = new Set<string>();
  private readonly indexed = new Map<string, Set<string>>();
  private openTx: string | null = null;
  /** When the open transaction started (on `txClock`), how many writes it made, and its expiry timer. */
  private txStartedAt = 0;
  private txWrites = 0;
  private txTimer: NodeJS.Timeout | null = null;
  /** Transactions the database rolled back for a limit, with the error their next request gets. */
  private readonly dropped = new Map<string, DbError>();

  constructor(
    filename: string,
    private readonly indexes: IndexDefinitions,
    private readonly clock: () => number,
    private readonly trace?: (action: string, params: Json) => void,
    private readonly txLimits: TransactionLimits = {
      maxMs: MAX_TRANSACTION_MS,
      maxWrites: MAX_TRANSACTION_WRITES,
    },
    /** Monotonic milliseconds for transaction durations (not the injected server clock). */
    private readonly txClock: () => number = () => performance.now(),
  ) {
    this.sqlite = new Database(filename);
    if (filename !== ':memory:') {
      this.sqlite.pragma('journal_mode = WAL');
      this.sqlite.pragma('synchronous = NORMAL');
    }
    for (const row of this.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'")
      .all() as { name: string }[]) {
      this.known.add(row.name.slice(2));
    }
    for (const name of Object.keys(indexes)) this.ensureCollection(name);
  }

  private table(name: string): string {
    return `"c_${name}"`;
  }

  ensureCollection(name: string): void {
    if (!NAME_RE.test(name)) throw dbError('INVALID_PARAM', `集合名不合法：${name}`);
    const fields = new Set<string>();
    for (const ix of this.indexes[name as keyof IndexDefinitions] ?? []) {
      for (const f of ix.fields) fields.add(f.field);
    }
    this.indexed.set(name, fields);
    if (this.known.has(name)) return;
    this.sqlite.exec(
      `CREATE TABLE IF NOT EXISTS ${this.table(name)} (id TEXT PRIMARY KEY, data TEXT NOT NULL)`,
    );
    for (const ix of this.indexes[name as keyof IndexDefinitions] ?? []) {
      const cols = ix.fields
        .map((f) => `json_extract(data, ${jsonPath(f.field)})${f.direction === -1 ? ' DESC' : ''}`)
        .join(', ');
      this.sqlite.exec(
        `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "ix_${name}_${ix.name}" ON ${this.table(name)} (${cols})`,
      );
    }
    this.known.add(name);
  }

  /** SQL for the conditions SQLite can decide on its own: `_id` and indexed scalar fields. */
  private pushDown(collection: string, query: Json): PushDown {
    const indexed = this.indexed.get(collection) ?? new Set<string>();
    const where: string[] = [];
    const params: (string | number)[] = [];
    let exact = true;
    for (const [field, cond] of Object.entries(query)) {
      const column =
        field === '_id'
          ? 'id'
          : indexed.has(field) && FIELD_RE.test(field)
            ? `json_extract(data, ${jsonPath(field)})`
            : null;
      if (!column) {
        exact = false;
        continue;
      }
      if (isScalar(cond)) {
        where.push(`${column} = ?`);
        params.push(cond);
        continue;
      }
      if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date)) {
        for (const [op, arg] of Object.entries(cond as Json)) {
          const sqlOp = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
          if (sqlOp && isScalar(arg)) {
            where.push(`${column} ${sqlOp} ?`);
            params.push(arg);
            // Mongo compares within a type: a number bound never matches strings and vice versa.
            if (sqlOp !== '=') {
              where.push(
                `typeof(${column}) ${typeof arg === 'string' ? "= 'text'" : "IN ('integer', 'real')"}`,
              );
            }
          } else if (op === '$in' && Array.isArray(arg) && arg.length > 0 && arg.every(isScalar)) {
            where.push(`${column} IN (${arg.map(() => '?').join(', ')})`);
            params.push(...(arg as (string | number)[]));
          } else {
            exact = false;
          }
        }
        continue;
      }
      exact = false;
    }
    return { where, params, exact };
  }

  private candidates(collection: string, query: Json): { docs: Json[]; exact: boolean } {
    if (!this.known.has(collection)) return { docs: [], exact: true };
    const { where, params, exact } = this.pushDown(collection, query);
    const sql = `SELECT data FROM ${this.table(collection)}${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    const rows = this.sqlite.prepare(sql).all(...params) as { data: string }[];
    return { docs: rows.map((r) => deserialize(r.data)), exact };
  }

  /** Counts in SQL when SQL alone decides the match; otherwise counts what mingo matches. */
  private count(collection: string, query: Json): number {
    if (!this.known.has(collection)) return 0;
    const { where, params, exact } = this.pushDown(collection, query);
    if (!exact) return this.matching(collection, query).length;
    const sql = `SELECT COUNT(*) AS n FROM ${this.table(collection)}${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    return (this.sqlite.prepare(sql).get(...params) as { n: number }).n;
  }

  private matching(collection: string, query: Json): Json[] {
    const { docs } = this.candidates(collection, query);
    if (Object.keys(query).length === 0) return docs;
    const q = new Query(query);
    return docs.filter((d) => q.test(d));
  }

  /** Runs one request; every request is answered in one synchronous step, so none interleave. */
  private answer(action: string, params: Json): Json {
    const collection = params.collectionName as string | undefined;
    if (collection !== undefined) this.ensureCollection(collection);
    switch (action) {
      case 'database.addCollection':
        return { data: {} };
      case 'database.getDocument':
        return { data: { list: this.get(collection as string, params).map((d) => serialize(d)) } };
      case 'database.calculateDocument':
        return { data: { total: this.count(collection as string, this.queryOf(params)) } };
      case 'database.insertDocument':
        return { data: { insertedIds: this.insert(collection as string, params) } };
      case 'database.modifyDocument':
        return { data: this.modify(collection as string, params) };
      case 'database.modifyAndReturnDoc': {
        const [doc] = this.matching(collection as string, this.queryOf(params));
        if (!doc) return { data: { updated: 0, doc: null } };
        const updated = this.modify(collection as string, {
          ...params,
          multi: false,
          merge: true,
          query: serialize({ _id: doc._id }),
        });
        const after = this.matching(collection as string, { _id: doc._id })[0];
        return { data: { updated: updated.updated, doc: after ? serialize(after) : null } };
      }
      case 'database.removeDocument':
        return { data: { deleted: this.remove(collection as string, params) } };
      default:
        throw dbError('INVALID_PARAM', `本地数据库不支持的操作：${action}`);
    }
  }

  private queryOf(params: Json): Json {
    const raw = params.query;
    const query = toNativeRegExps(
      typeof raw === 'string' ? parseEjson(raw) : ((raw as Json | undefined) ?? {}),
    ) as Json;
    checkInLists(query);
    return query;
  }

  private get(collection: string, params: Json): Json[] {
    const query = this.queryOf(params);
    const limit = Math.min(Number(params.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT);
    const offset = Number(params.offset ?? 0) || 0;
    const order = params.order ? parseEjson(params.order as string) : {};
    const projection = params.projection ? parseEjson(params.projection as string) : undefined;
    const project = projection && Object.keys(projection).length ? projection : undefined;
    const paged = this.pagedInSql(collection, query, order as Json, limit, offset);
    if (paged) return (project ? find(paged, {}, project).all() : paged) as Json[];
    const docs = this.matching(collection, query);
    const cursor = find(docs, {}, project);
    if (Object.keys(order).length) cursor.sort(order as Record<string, 1 | -1>);
    return cursor.skip(offset).limit(limit).all() as Json[];
  }

  /**
   * A page answered wholly in SQL (ORDER BY … LIMIT … OFFSET) when SQL alone decides the match and the sort
   * is on `_id` or indexed fields; ties keep insertion order (rowid), as mingo's stable sort does. Null when
   * the query needs mingo, which then filters, sorts and pages in memory.
   */
  private pagedInSql(
    collection: string,
    query: Json,
    order: Json,
    limit: number,
    offset: number,
  ): Json[] | null {
    if (!this.known.has(collection)) return [];
    const { where, params, exact } = this.pushDown(collection, query);
    if (!exact) return null;
    const indexed = this.indexed.get(collection) ?? new Set<string>();
    const terms: string[] = [];
    for (const [field, dir] of Object.entries(order)) {
      const column =
        field === '_id'
          ? 'id'
          : indexed.has(field) && FIELD_RE.test(field)
            ? `json_extract(data, ${jsonPath(field)})`
            : null;
      if (!column || (dir !== 1 && dir !== -1)) return null;
      terms.push(`${column} ${dir === -1 ? 'DESC' : 'ASC'}`);
    }
    terms.push('rowid ASC');
    const sql = `SELECT data FROM ${this.table(collection)}${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY ${terms.join(', ')} LIMIT ? OFFSET ?`;
    const rows = this.sqlite.prepare(sql).all(...params, limit, offset) as { data: string }[];
    return rows.map((r) => deserialize(r.data));
  }

  private insert(collection: string, params: Json): string[] {
    const list = (params.data as string[] | undefined) ?? [];
    if (!Array.isArray(list) || list.length === 0) throw dbError('INVALID_PARAM', '插入的数据不能为空');
    const stmt = this.sqlite.prepare(`INSERT INTO ${this.table(collection)} (id, data) VALUES (?, ?)`);
    const ids: string[] = [];
    const write = () => {
      for (const item of list) {
        const doc = resolveServerDates(parseEjson(item), this.clock()) as Json;
        const id = doc._id === undefined ? newId() : String(doc._id);
        doc._id = id;
        this.run(() => stmt.run(id, serialize(doc)));
        ids.push(id);
      }
    };
    if (this.sqlite.inTransaction) write();
    else this.sqlite.transaction(write)();
    return ids;
  }

  private modify(collection: string, params: Json): { updated: number; upsert_id?: string } {
    const query = this.queryOf(params);
    const data = resolveServerDates(parseEjson(params.data as string), this.clock()) as Json;
    const multi = params.multi !== false;
    const merge = params.merge !== false;
    const targets = this.matching(collection, query);
    const chosen = multi ? targets : targets.slice(0, 1);
    const hasOperators = Object.keys(data).some((k) => k.startsWith('$'));
    if (merge && !hasOperators && Object.keys(data).length === 0)
      throw dbError('INVALID_PARAM', '更新的数据不能为空');
    const stmt = this.sqlite.prepare(`UPDATE ${this.table(collection)} SET data = ? WHERE id = ?`);
    let updated = 0;
    const write = () => {
      for (const doc of chosen) {
        const before = serialize(doc);
        let next: Json;
        if (merge) {
          next = doc;
          applyUpdate(
            next,
            (hasOperators ? data : { $set: data }) as Parameters<typeof applyUpdate>[1],
            undefined,
            undefined,
            {
              cloneMode: 'deep',
            },
          );
        } else {
          next = { ...data, _id: doc._id };
        }
        next._id = doc._id;
        const after = serialize(next);
        if (after !== before) {
          this.run(() => stmt.run(after, String(doc._id)));
          updated++;
        }
      }
    };
    if (this.sqlite.inTransaction) write();
    else this.sqlite.transaction(write)();
    if (chosen.length === 0 && params.upsert === true) {
      const id = typeof query._id === 'string' ? query._id : newId();
      const doc = { ...(hasOperators ? ((data.$set as Json | undefined) ?? {}) : data), _id: id };
      this.run(() =>
        this.sqlite
          .prepare(`INSERT INTO ${this.table(collection)} (id, data) VALUES (?, ?)`)
          .run(id, serialize(doc)),
      );
      return { updated: 0, upsert_id: id };
    }
    return { updated };
  }

  private remove(collection: string, params: Json): number {
    const query = this.queryOf(params);
    const multi = params.multi !== false;
    const targets = this.matching(collection, query);
    const chosen = multi ? targets : targets.slice(0, 1);
    const stmt = this.sqlite.prepare(`DELETE FROM ${this.table(collection)} WHERE id = ?`);
    const write = () => {
      for (const doc of chosen) stmt.run(String(doc._id));
    };
    if (this.sqlite.inTransaction) write();
    else this.sqlite.transaction(write)();
    return chosen.length;
  }

  /** Maps SQLite constraint failures to CloudBase-like error codes. */
  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw dbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  /** The requester's entry point. */
  async send(action: string, params: Json = {}): Promise<Json> {
    this.trace?.(action, params);
    // Every request to CloudBase's database is a network round trip, during which other requests run. Yield
    // to the event loop before answering, so that concurrent calls interleave here as they do there (a
    // read-then-write race can then really happen, and a test of it can fail).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const requestId = newId().slice(0, 16);
    const inTxContext = txContext.getStore()?.backend === this;
    const txId = params.transactionId as string | undefined;
    if (invocationLimit.getStore()?.expired) {
      // The invocation ran past its time limit: the platform has frozen it. Its open transaction is rolled
      // back (so the lock is freed), and nothing it sends is answered.
      if (txId !== undefined && txId === this.openTx) {
        this.sqlite.exec('ROLLBACK');
        this.openTx = null;
        this.mutex.release();
      }
      throw dbError(TIME_LIMIT_ERROR_CODE, '函数运行已超过时限，平台已终止本次调用');
    }

    if (action === 'database.startTransaction') {
      await this.mutex.acquire();
      this.sqlite.exec('BEGIN IMMEDIATE');
      const id = newId();
      this.openTx = id;
      this.txStartedAt = this.txClock();
      this.txWrites = 0;
      // CloudBase drops a transaction left open past its limit; so does this database, so that a forgotten
      // commit does not hold the lock for ever.
      this.txTimer = setTimeout(() => {
        if (this.openTx === id) this.dropTx(id, this.tooLong());
      }, this.txLimits.maxMs);
      this.txTimer.unref?.();
      return { transactionId: id, requestId };
    }
    if (action === 'database.commitTransaction' || action === 'database.abortTransaction') {
      const dropped = txId ? this.dropped.get(txId) : undefined;
      if (dropped) {
        // Already rolled back by the database: a rollback has nothing left to do, a commit fails.
        if (action === 'database.abortTransaction') return { requestId };
        throw dropped;
      }
      if (!txId || txId !== this.openTx) throw dbError('DATABASE_TRANSACTION_FAIL', '事务不存在或已结束');
      if (action === 'database.commitTransaction' && this.txClock() - this.txStartedAt > this.txLimits.maxMs)
        throw this.dropTx(txId, this.tooLong());
      this.sqlite.exec(action === 'database.commitTransaction' ? 'COMMIT' : 'ROLLBACK');
      this.endTx();
      return { requestId };
    }

    if (txId !== undefined) {
      const dropped = this.dropped.get(txId);
      if (dropped) throw dropped;
      if (txId !== this.openTx) throw dbError('DATABASE_TRANSACTION_FAIL', '事务不存在或已结束');
      if (this.txClock() - this.txStartedAt > this.txLimits.maxMs) throw this.dropTx(txId, this.tooLong());
      // An add of a list writes each of its documents.
      const writes = !WRITE_ACTIONS.has(action)
        ? 0
        : action === 'database.insertDocument' && Array.isArray(params.data)
          ? params.data.length
          : 1;
      if (writes > 0 && this.txWrites + writes > this.txLimits.maxWrites) {
        throw this.dropTx(
          txId,
          dbError(
            'DATABASE_TRANSACTION_FAIL',
            `一个事务最多写入 ${this.txLimits.maxWrites} 个文档，本事务已回滚，未写入任何内容：请分批写入`,
          ),
        );
      }
      // CloudBase transactions allow single-document operations only.
      if (params.queryType === 'WHERE') {
        throw dbError(
          'INVALID_PARAM',
          '事务中只能进行单文档操作（doc get/set/update/remove, add），不支持 where 查询',
        );
      }
      const answer = { ...this.answer(action, params), requestId };
      this.txWrites += writes;
      return answer;
    }
    if (inTxContext && this.openTx) {
      // Inside runTransaction, a call without the transaction id (e.g. tx.collection().where().update())
      // would run outside the transaction in CloudBase; refuse it so the code is fixed here, not in production.
      throw dbError(
        'INVALID_PARAM',
        '事务中只能进行单文档操作：where().update()/remove()/count() 不在事务内执行',
      );
    }
    await this.mutex.acquire();
    try {
      return { ...this.answer(action, params), requestId };
    } finally {
      this.mutex.release();
    }
  }

  private tooLong(): DbError {
    return dbError(
      'DATABASE_TRANSACTION_FAIL',
      `事务超过 ${Math.round(this.txLimits.maxMs / 1000)} 秒未提交，已被回滚，未写入任何内容：请减少一次事务中的操作`,
    );
  }

  private endTx(): void {
    if (this.txTimer) clearTimeout(this.txTimer);
    this.txTimer = null;
    this.openTx = null;
    this.mutex.release();
  }

  /**
   * Rolls the open transaction back for a limit, as CloudBase's server does, and remembers the reason
   * for its later requests (the SDK's `runTransaction` then sends a rollback, which succeeds).
   */
  private dropTx(txId: string, reason: DbError): DbError {
    if (this.openTx === txId) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      this.endTx();
    }
    this.dropped.set(txId, reason);
    if (this.dropped.size > 100) this.dropped.delete(this.dropped.keys().next().value as string);
    return reason;
  }

  close(): void {
    if (this.txTimer) clearTimeout(this.txTimer);
    if (this.sqlite.open) this.sqlite.close();
  }
}

/** The seam: the requester class the SDK instantiates for every request. */
let fallbackRequester:
  | (new (config: unknown) => { send(action: string, params?: unknown, opts?: unknown): Promise<unknown> })
  | undefined;

class LocalRequester {
  constructor(private readonly config: { __embedded?: EmbeddedBackend }) {}
  send(action: string, params?: Json, opts?: unknown): Promise<unknown> {
    const backend = this.config?.__embedded;
    if (backend) return backend.send(action, params ?? {});
    if (!fallbackRequester) return Promise.reject(dbError('INVALID_PARAM', '数据库尚未初始化'));
    return new fallbackRequester(this.config).send(action, params, opts);
  }
}

function installSeam(): void {
  const desc = Object.getOwnPropertyDescriptor(Db, 'reqClass');
  if (desc?.get) return;
  fallbackRequester = (Db as unknown as { reqClass?: typeof fallbackRequester }).reqClass;
  // node-sdk assigns Db.reqClass each time `.database()` is called; keep its class as the fallback.
  Object.defineProperty(Db, 'reqClass', {
    configurable: true,
    get: () => LocalRequester,
    set: (value) => {
      fallbackRequester = value;
    },
  });
}

export interface EmbeddedDatabase {
  db: DatabasePort;
  /** The SQLite connection, for tests (EXPLAIN QUERY PLAN) and benchmarks. */
  sqlite: Database.Database;
  close(): void;
}

export interface EmbeddedDatabaseOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  indexes?: IndexDefinitions;
  /** The clock behind `db.serverDate()`. */
  now?: () => number;
  /** Sees every request the SDK sends (the seam contract test). */
  trace?: (action: string, params: Record<string, unknown>) => void;
  /** CloudBase's transaction limits by default (platform-limits.ts); tests lower them. */
  transactionLimits?: Partial<TransactionLimits>;
  /** Monotonic clock for transaction durations (tests); `performance.now()` by default. */
  transactionClock?: () => number;
}

/** Opens (creating if needed) an embedded database. */
export function openEmbeddedDatabase(options: EmbeddedDatabaseOptions): EmbeddedDatabase {
  installSeam();
  if (options.filename !== ':memory:')
    mkdirSync(path.dirname(path.resolve(options.filename)), { recursive: true });
  const backend = new EmbeddedBackend(
    options.filename,
    options.indexes ?? {},
    options.now ?? Date.now,
    options.trace,
    {
      maxMs: options.transactionLimits?.maxMs ?? MAX_TRANSACTION_MS,
      maxWrites: options.transactionLimits?.maxWrites ?? MAX_TRANSACTION_WRITES,
    },
    options.transactionClock,
  );
  const db = new Db({ env: 'local', __embedded: backend, throwOnCode: true }) as unknown as DatabasePort & {
    runTransaction: DatabasePort['runTransaction'];
  };
  const sdkRunTransaction = db.runTransaction.bind(db);
  // Mark the callback's async context so calls that forget the transaction are refused (see `send`).
  (db as { runTransaction: unknown }).runTransaction = ((
    callback: Parameters<DatabasePort['runTransaction']>[0],
    times?: number,
  ) =>
    txContext.run({ backend }, () => sdkRunTransaction(callback, times))) as DatabasePort['runTransaction'];
  return { db, sqlite: backend.sqlite, close: () => backend.close() };
}

/** `<DATA_DIR or .data>/anju.sqlite`. */
export function defaultDataFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.resolve(env.DATA_DIR ?? '.data'), 'anju.sqlite');
}
