/**
 * Files (photos, signatures): CloudBase storage in production, a local folder locally.
 * Keys are relative paths such as `repairs/<id>/1.jpg`; callers check access before reading.
 */
export interface StoragePort {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<{ key: string }>;
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
}
