import tcb from '@cloudbase/node-sdk';
import { openCloudbaseDatabase } from './db/production-database';
import { districtPolicy } from './district-policy';
import { createJsonLogger } from './logger';
import { createOutboxMessages } from './outbox-message.adapter';
import type { Runtime } from './runtime';
import type { StoragePort } from './storage.port';

/** CloudBase storage behind the storage port (cloud path = key). */
function createCloudStorage(app: ReturnType<typeof tcb.init>): StoragePort {
  return {
    async put(key, bytes) {
      await app.uploadFile({ cloudPath: key, fileContent: Buffer.from(bytes) });
      return { key };
    },
    async get(key) {
      try {
        const res = await app.downloadFile({ fileID: key });
        const content = res.fileContent;
        if (!content) return null;
        return typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
      } catch {
        return null;
      }
    },
    async remove(key) {
      await app.deleteFile({ fileList: [key] });
    },
  };
}

/**
 * The production runtime: the CloudBase database itself (unwrapped), the OPENID that the platform puts in
 * the function's context, CloudBase storage, and the outbox. Built once per container.
 */
export function createCloudRuntime(): Runtime {
  const env = process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? tcb.SYMBOL_CURRENT_ENV;
  const app = tcb.init({ env: env as string });
  const db = openCloudbaseDatabase(env as string);
  return {
    mode: 'cloud',
    db,
    now: () => new Date(),
    identify(context) {
      // Throws on a context that is not the function's own; the handler treats that as no identity.
      const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
      return ctx.WX_OPENID || null;
    },
    log: createJsonLogger(),
    policy: districtPolicy(),
    storage: createCloudStorage(app),
    messages: createOutboxMessages(db, () => new Date()),
  };
}

let cached: Runtime | null = null;
/** Lazily created so that importing a function module never touches the network. */
export function cloudRuntime(): Runtime {
  cached ??= createCloudRuntime();
  return cached;
}
