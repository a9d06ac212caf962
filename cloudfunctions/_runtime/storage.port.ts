/**
 * Files (photos, signatures, import sheets) in cloud storage: CloudBase storage in production
 * (`cloud-runtime.ts`), a local folder on the local host (`_local/local-storage.adapter.ts`).
 *
 * Everything after an upload is addressed by the file ID the upload answered with,
 * `cloud://<env>.<bucket>/<path>` (@cloudbase/node-sdk 3.18.3: `uploadFile` returns `fileID`;
 * `downloadFile`, `getTempFileURL` and `deleteFile` take file IDs). A bare path where an ID belongs fails
 * with STORAGE_FILE_NONEXIST, as CloudBase fails ("incorrect file path",
 * https://docs.cloudbase.net/en/error-code/STORAGE_FILE_NONEXIST). Callers check access before reading.
 */
export interface StoragePort {
  /** Writes `bytes` at `cloudPath` (overwriting, as CloudBase does) and answers the file ID. */
  upload(cloudPath: string, bytes: Uint8Array, contentType: string): Promise<string>;
  /** The file's bytes; throws StorageError('STORAGE_FILE_NONEXIST') for a missing file or a non-ID. */
  download(fileId: string): Promise<Uint8Array>;
  /** A temporary HTTPS address for reading the file (getTempFileURL), valid for `maxAgeSeconds`. */
  tempUrl(fileId: string, maxAgeSeconds?: number): Promise<string>;
  /** Deletes files by ID; missing files are not an error. */
  remove(fileIds: string[]): Promise<void>;
}

/** How long a temporary address stays valid unless asked otherwise (CloudBase's default is one day). */
export const TEMP_URL_SECONDS = 600;

/** A storage failure with CloudBase's error code (STORAGE_FILE_NONEXIST, STORAGE_REQUEST_FAIL, …). */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export const isMissingFile = (err: unknown): boolean =>
  err instanceof Error && (err as { code?: unknown }).code === 'STORAGE_FILE_NONEXIST';
