import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFileId } from '@shared/uploads';
import { StorageError, TEMP_URL_SECONDS, type StoragePort } from '../_runtime/storage.port';

/** The local environment and bucket in file IDs, shaped like CloudBase's (`<env>.<hex>-<env>-<appid>`). */
export const LOCAL_ENV = 'anju-local';
export const LOCAL_BUCKET = '616e-anju-local-1300000000';
/** Where the local host serves temporary addresses (`GET /storage/<path>?expires=…&sign=…`). */
export const LOCAL_FILES_ROUTE = '/storage/';

export interface LocalStorage extends StoragePort {
  /** `cloud://anju-local.<bucket>/<cloudPath>`: the ID the upload of `cloudPath` answers with. */
  fileIdOf(cloudPath: string): string;
  /** The bytes behind a temporary address, or null when its signature is wrong or it has expired. */
  readSigned(cloudPath: string, expires: string | null, sign: string | null): Promise<Uint8Array | null>;
}

const missing = () =>
  // CloudBase answers a path, an ID of another environment or a deleted file alike:
  // https://docs.cloudbase.net/en/error-code/STORAGE_FILE_NONEXIST
  new StorageError('STORAGE_FILE_NONEXIST', 'storage file not exist');

/**
 * The storage port on a local folder (`<DATA_DIR>/files`), as strict as CloudBase about addressing: it
 * issues IDs of the same `cloud://<env>.<bucket>/<path>` form and resolves ONLY such IDs of its own
 * environment and bucket; a bare path (or another environment's ID) fails with STORAGE_FILE_NONEXIST.
 * Temporary addresses are local URLs signed with HMAC-SHA256 and expiring like getTempFileURL's.
 */
export function createLocalStorage(
  root: string,
  options: { now?: () => Date; secret?: Buffer } = {},
): LocalStorage {
  const now = options.now ?? (() => new Date());
  const secret = options.secret ?? randomBytes(32);
  const fullPath = (cloudPath: string) => {
    const full = path.resolve(root, cloudPath);
    if (!full.startsWith(path.resolve(root) + path.sep)) throw missing();
    return full;
  };
  const pathOf = (fileId: string): string => {
    const parts = parseFileId(fileId);
    if (!parts || parts.env !== LOCAL_ENV || parts.bucket !== LOCAL_BUCKET) throw missing();
    return parts.path;
  };
  const sign = (cloudPath: string, expires: number) =>
    createHmac('sha256', secret).update(`${cloudPath}\n${expires}`).digest('base64url');
  return {
    fileIdOf: (cloudPath) => `cloud://${LOCAL_ENV}.${LOCAL_BUCKET}/${cloudPath}`,
    async upload(cloudPath, bytes) {
      const full = fullPath(cloudPath);
      if (!parseFileId(this.fileIdOf(cloudPath))) throw new StorageError('INVALID_PARAM', 'cloudPath 不合法');
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, bytes);
      return this.fileIdOf(cloudPath);
    },
    async download(fileId) {
      try {
        return new Uint8Array(await readFile(fullPath(pathOf(fileId))));
      } catch {
        throw missing();
      }
    },
    async tempUrl(fileId, maxAgeSeconds = TEMP_URL_SECONDS) {
      const cloudPath = pathOf(fileId);
      try {
        await readFile(fullPath(cloudPath));
      } catch {
        throw missing();
      }
      const expires = now().getTime() + maxAgeSeconds * 1000;
      return `${LOCAL_FILES_ROUTE}${cloudPath}?expires=${expires}&sign=${sign(cloudPath, expires)}`;
    },
    async remove(fileIds) {
      for (const id of fileIds) {
        let cloudPath: string;
        try {
          cloudPath = pathOf(id);
        } catch {
          continue; // CloudBase reports such an entry as failed in the list; nothing to delete here
        }
        await rm(fullPath(cloudPath), { force: true });
      }
    },
    async readSigned(cloudPath, expires, given) {
      const at = Number(expires);
      if (!given || !Number.isSafeInteger(at) || at < now().getTime()) return null;
      const want = Buffer.from(sign(cloudPath, at));
      const got = Buffer.from(given);
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
      try {
        return new Uint8Array(await readFile(fullPath(cloudPath)));
      } catch {
        return null;
      }
    },
  };
}
