import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCloudStorage } from '../../../cloudfunctions/_runtime/cloud-runtime';
import {
  LOCAL_BUCKET,
  LOCAL_ENV,
  createLocalStorage,
} from '../../../cloudfunctions/_local/local-storage.adapter';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { parseFileId, uploadPath } from '@shared/uploads';
import { fileIdSchema } from '@shared/contracts';
import { makeSignaturePng } from '../../factories/png.factory';

const png = makeSignaturePng(40, 40, 9);

/**
 * The storage port addresses files by the `cloud://<env>.<bucket>/<path>` IDs uploads answer with, on the
 * cloud and locally alike; a bare path where an ID belongs fails as CloudBase fails (STORAGE_FILE_NONEXIST,
 * https://docs.cloudbase.net/en/error-code/STORAGE_FILE_NONEXIST).
 */
describe('the local storage adapter', () => {
  let now = new Date('2026-11-22T02:00:00Z');
  const storage = createLocalStorage(mkdtempSync(path.join(os.tmpdir(), 'anju-storage-')), {
    now: () => now,
  });

  it('answers an upload with a cloud:// file ID of its environment and bucket, and reads by that ID', async () => {
    const id = await storage.upload('repairs/r1/before-0.png', png, 'image/png');
    expect(id).toBe(`cloud://${LOCAL_ENV}.${LOCAL_BUCKET}/repairs/r1/before-0.png`);
    expect(parseFileId(id)).toEqual({
      env: LOCAL_ENV,
      bucket: LOCAL_BUCKET,
      path: 'repairs/r1/before-0.png',
    });
    expect(fileIdSchema.safeParse(id).success).toBe(true);
    expect(Buffer.from(await storage.download(id))).toEqual(png);
  });

  it('refuses a bare path where a file ID belongs, as CloudBase does', async () => {
    await storage.upload('repairs/r2/before-0.png', png, 'image/png');
    for (const notAnId of [
      'repairs/r2/before-0.png',
      '/repairs/r2/before-0.png',
      `cloud://other-env.${LOCAL_BUCKET}/repairs/r2/before-0.png`,
      `cloud://${LOCAL_ENV}.${LOCAL_BUCKET}/repairs/r2/../r2/before-0.png`,
    ]) {
      await expect(storage.download(notAnId)).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
      await expect(storage.tempUrl(notAnId)).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
    }
    expect(fileIdSchema.safeParse('repairs/r2/before-0.png').success).toBe(false);
  });

  it('gives signed temporary addresses that expire, and refuses a forged one', async () => {
    const id = await storage.upload('hazards/h1/before-0.png', png, 'image/png');
    const url = new URL(await storage.tempUrl(id, 60), 'http://localhost');
    const open = (sign: string | null) =>
      storage.readSigned('hazards/h1/before-0.png', url.searchParams.get('expires'), sign);
    expect(Buffer.from((await open(url.searchParams.get('sign')))!)).toEqual(png);
    expect(await open('x'.repeat(43))).toBeNull();
    expect(
      await storage.readSigned(
        'hazards/h1/other.png',
        url.searchParams.get('expires'),
        url.searchParams.get('sign'),
      ),
    ).toBeNull();
    now = new Date(now.getTime() + 61_000);
    expect(await open(url.searchParams.get('sign'))).toBeNull();
  });

  it('removes by file ID; a removed file is missing', async () => {
    const id = await storage.upload('contracts/c1/signature.png', png, 'image/png');
    await storage.remove([id, 'not/an/id.png']);
    await expect(storage.download(id)).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });
});

describe('the upload path of the local host (what wx.cloud.uploadFile does for the phone)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: false });
  });
  afterAll(() => host.close());
  const mine = (purpose: string, name = 'abcdefgh12', ext = 'png') =>
    `uploads/o-me/${purpose}/${name}.${ext}`;

  it('stores under the caller’s own prefix and purpose and answers the file ID', async () => {
    const id = await host.upload('o-me', uploadPath('o-me', 'repair-photo', 'abcdefgh12', 'png'), png);
    expect(parseFileId(id)?.path).toBe('uploads/o-me/repair-photo/abcdefgh12.png');
  });

  it.each([
    [
      'another person’s prefix',
      'o-me',
      'uploads/o-other/repair-photo/abcdefgh12.png',
      png,
      '只能上传到您自己的上传目录。',
    ],
    ['an unknown purpose', 'o-me', mine('avatar'), png, '只能上传到您自己的上传目录。'],
    [
      'an extension the purpose does not take',
      'o-me',
      mine('signature', 'abcdefgh12', 'jpg'),
      png,
      '只能上传到您自己的上传目录。',
    ],
    ['a path outside uploads/', 'o-me', 'repairs/r1/before-0.png', png, '只能上传到您自己的上传目录。'],
    [
      'an empty file',
      'o-me',
      mine('repair-photo', 'emptyfile01'),
      Buffer.alloc(0),
      '照片是空文件，请重新选择。',
    ],
    [
      'a signature over 300 KB',
      'o-me',
      mine('signature'),
      Buffer.alloc(300_001, 1),
      '签名图片不能超过 0.3 MB，请压缩后重新上传。',
    ],
    [
      'a photo over 2 MB',
      'o-me',
      mine('repair-photo', 'toolarge01'),
      Buffer.alloc(2 * 1024 * 1024 + 1, 1),
      '照片不能超过 2 MB，请压缩后重新上传。',
    ],
  ])('refuses %s, storing nothing', async (_what, openid, cloudPath, bytes, message) => {
    await expect(host.upload(openid, cloudPath, bytes)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message,
    });
    await expect(host.files.download(host.files.fileIdOf(cloudPath))).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
    });
  });

  it('refuses a caller with no identity', async () => {
    await expect(host.upload(null, mine('repair-photo'), png)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('the CloudBase storage adapter (node-sdk calls, by file ID)', () => {
  const FILE_ID = 'cloud://prod-1a2b.7072-prod-1a2b-1300000000/repairs/r1/before-0.png';
  const calls: [string, unknown][] = [];
  const sdk = {
    uploadFile: async (a: unknown) => (calls.push(['uploadFile', a]), { fileID: FILE_ID }),
    downloadFile: async (a: { fileID: string }) => {
      calls.push(['downloadFile', a]);
      if (a.fileID !== FILE_ID)
        throw Object.assign(new Error('storage file not exist'), { code: 'STORAGE_FILE_NONEXIST' });
      return { fileContent: png, message: '' };
    },
    getTempFileURL: async (a: { fileList: { fileID: string }[] }) => {
      calls.push(['getTempFileURL', a]);
      const id = a.fileList[0]!.fileID;
      return {
        fileList: [
          id === FILE_ID
            ? {
                code: 'SUCCESS',
                fileID: id,
                tempFileURL: 'https://7072-prod.tcb.qcloud.la/repairs/r1/before-0.png?sign=x',
              }
            : { code: 'STORAGE_FILE_NONEXIST', fileID: id, tempFileURL: '' },
        ],
      };
    },
    deleteFile: async (a: unknown) => (calls.push(['deleteFile', a]), { fileList: [] }),
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a stand-in for the SDK's four calls
  const storage = createCloudStorage(sdk as any);

  it('keeps the file ID uploadFile answers and passes IDs to downloadFile, getTempFileURL and deleteFile', async () => {
    expect(await storage.upload('repairs/r1/before-0.png', png, 'image/png')).toBe(FILE_ID);
    expect(Buffer.from(await storage.download(FILE_ID))).toEqual(png);
    expect(await storage.tempUrl(FILE_ID, 120)).toMatch(/^https:\/\//);
    await storage.remove([FILE_ID]);
    expect(calls.map(([name, args]) => [name, JSON.stringify(args).includes('cloud://')])).toEqual([
      ['uploadFile', false],
      ['downloadFile', true],
      ['getTempFileURL', true],
      ['deleteFile', true],
    ]);
    expect(calls[2]![1]).toEqual({ fileList: [{ fileID: FILE_ID, maxAge: 120 }] });
  });

  it('reports a path passed as an ID as the platform does (STORAGE_FILE_NONEXIST)', async () => {
    await expect(storage.download('repairs/r1/before-0.png')).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
    });
    await expect(storage.tempUrl('repairs/r1/before-0.png')).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
    });
  });
});
