import { COLLECTIONS } from '@shared/collections';
import { parseFileId } from '@shared/uploads';
import { EXPORT_URL_SECONDS, MAX_EXPORT_NAME, exportPath } from '../../../cloudfunctions/_runtime/exports';
import { MAX_CALL_RESPONSE_BYTES, responseBytes } from '../../../cloudfunctions/_runtime/platform-limits';
import type { HazardDoc } from '../../../cloudfunctions/patrol/patrol.documents';
import { BatchedWriter } from '../../factories/batched-writes';
import { openExport, type ExportAnswer } from '../../factories/export.factory';
import { patrolDistrict } from '../../factories/patrol.scenario';
import { createRng } from '../../factories/rng';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(120_000);

/**
 * Exports go through cloud storage (cloudfunctions/_runtime/exports.ts): the function writes the .xlsx under
 * the caller's `exports/<openid>/<day>/` folder and answers a signed, expiring address, so a district-sized
 * export no longer runs into CloudBase's 1 MB answer limit (EXCEED_MAX_RESPONSE_SIZE).
 */
const START = new Date('2026-11-22T02:00:00Z'); // 2026-Q4
const MANAGER = 'wx-u-manager';
const OTHER_MANAGER = 'wx-u-manager-other';
const VOLUNTEER = 'wx-u-volunteer';

const signOf = (url: string) => /sign=([^&]+)/.exec(url)![1]!;

/** Text that does not compress away: random characters of the common CJK block. */
function randomText(rng: ReturnType<typeof createRng>, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(0x4e00 + rng.int(0, 5000));
  return s;
}

describe('exports through cloud storage', () => {
  let t: TestHost;
  const exportCoverage = (openid: string, input: object = { projectId: 'p-test' }) =>
    t.call('patrol', openid, 'exportCoverage', input);

  beforeEach(async () => {
    t = await openTestHost(START);
    await patrolDistrict(t, { plan: true });
  });
  afterEach(() => t.close());

  it('a district-sized export (over 1 MB as base64) succeeds and the answer stays small', async () => {
    const rng = createRng(15);
    const writer = new BatchedWriter();
    const N = 1500;
    for (let i = 0; i < N; i++) {
      const id = `hz-big-${String(i).padStart(5, '0')}`;
      const doc: Omit<HazardDoc, '_id'> = {
        clientHazardId: id,
        digest: id,
        projectId: 'p-test',
        buildingId: 'p-test-b1',
        unitId: null,
        visitId: null,
        quarter: '2026-Q4',
        location: `${rng.int(1, 30)}层楼道`,
        category: 'fire',
        severity: 'minor',
        description: randomText(rng, 400),
        status: 'open',
        reporterUserId: 'u-volunteer',
        reporterName: '李志愿',
        reportedAt: '2026-11-20T02:00:00.000Z',
        deadline: '2026-12-20T02:00:00.000Z',
        assigneeUserId: null,
        assigneeName: null,
        photoFileIds: [],
        afterPhotoFileIds: [],
        closedAt: null,
        events: [],
      };
      await writer.collection(COLLECTIONS.hazards).doc(id).set(doc);
    }
    await writer.flush(t.db);

    const res = await exportCoverage(MANAGER);
    expect(res.ok).toBe(true);
    const file = res.data as ExportAnswer;
    // The answer is an address, a few hundred bytes …
    expect(responseBytes(res)).toBeLessThan(2_000);
    // … while the file itself, answered as base64 the way exports used to, would be over the platform's limit.
    const bytes = await t.fetchUrl(file.url);
    expect(bytes).not.toBeNull();
    expect(Buffer.from(bytes!).toString('base64').length).toBeGreaterThan(MAX_CALL_RESPONSE_BYTES);

    const book = await openExport(t, file, MANAGER);
    const sheet = book.getWorksheet('隐患清单')!;
    expect(sheet.rowCount).toBe(N + 1);
    const stored = (await t.doc<HazardDoc>(COLLECTIONS.hazards, 'hz-big-00000'))!;
    expect(sheet.getRow(2).getCell(5).value).toBe(stored.description);
  });

  it('writes under the caller’s own folder, a new file each time, and the address opens only while valid', async () => {
    const a = (await exportCoverage(MANAGER)).data as ExportAnswer;
    const b = (await exportCoverage(MANAGER)).data as ExportAnswer;
    expect(parseFileId(a.fileId)!.path).toMatch(
      /^exports\/wx-u-manager\/20261122\/[A-Za-z0-9_-]{16}-patrol-coverage-2026-Q4\.xlsx$/,
    );
    expect(b.fileId).not.toBe(a.fileId);
    expect(a.expiresAt).toBe(new Date(START.getTime() + EXPORT_URL_SECONDS * 1000).toISOString());
    expect(await t.fetchUrl(a.url)).not.toBeNull();

    // The address is signed: another path (another caller's folder, another file) or another signature fails.
    const other = a.url.replace('/wx-u-manager/', '/wx-u-manager-other/');
    expect(other).not.toBe(a.url);
    expect(await t.fetchUrl(other)).toBeNull();
    expect(await t.fetchUrl(a.url.replace(/-patrol-coverage/, 'x-patrol-coverage'))).toBeNull();
    expect(await t.fetchUrl(a.url.replace(/sign=[^&]+/, 'sign=AAAA'))).toBeNull();
    expect(await t.fetchUrl(a.url.replace(/sign=[^&]+/, `sign=${signOf(b.url)}`))).toBeNull();

    // And it expires.
    t.clock.advance(EXPORT_URL_SECONDS * 1000 + 1);
    expect(await t.fetchUrl(a.url)).toBeNull();
  });

  it('checks access before writing: a refused caller gets no file and nothing is written', async () => {
    const uploads: string[] = [];
    const storage = t.host.runtime.storage;
    const upload = storage.upload.bind(storage);
    const spy = jest.spyOn(storage, 'upload').mockImplementation((path, bytes, type) => {
      uploads.push(path);
      return upload(path, bytes, type);
    });
    try {
      // A volunteer does not oversee the project; the other project's manager does not manage this one.
      expect((await exportCoverage(VOLUNTEER)).error.code).toBe('NOT_FOUND');
      expect((await exportCoverage(OTHER_MANAGER)).ok).toBe(false);
      expect((await t.call('repair', VOLUNTEER, 'exportStats', {})).ok).toBe(false);
      expect((await t.call('billing', VOLUNTEER, 'exportMonth', { period: '2026-11' })).ok).toBe(false);
      expect(uploads).toEqual([]);
      // The caller who may export gets their own file, and only that one is written.
      expect((await exportCoverage(MANAGER)).ok).toBe(true);
      expect(uploads).toEqual([expect.stringMatching(/^exports\/wx-u-manager\//)]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('exportPath', () => {
  it('is the caller’s folder, the China day and a random part; odd characters cannot leave the folder', () => {
    // 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Beijing.
    expect(exportPath('oAbC-12_x', new Date('2026-11-30T17:30:00Z'), 'billing-month-2026-11', 'r4nd0m')).toBe(
      'exports/oAbC-12_x/20261201/r4nd0m-billing-month-2026-11.xlsx',
    );
    expect(exportPath('../../x', new Date('2026-11-30T15:00:00Z'), 'a/b', 'r')).toBe(
      'exports/______x/20261130/r-a_b.xlsx',
    );
  });

  it('a long project name cannot break the answer: the file name is cut to the contract’s bound', async () => {
    const t = await openTestHost(START);
    try {
      await patrolDistrict(t, { plan: true });
      await t.db
        .collection(COLLECTIONS.projects)
        .doc('p-test')
        .update({ name: '很长的项目名称'.repeat(40) });
      const res = await t.call('patrol', MANAGER, 'exportCoverage', { projectId: 'p-test' });
      expect(res.ok).toBe(true);
      const file = res.data as ExportAnswer;
      expect(file.fileName).toHaveLength(MAX_EXPORT_NAME);
      expect(file.fileName.endsWith('.xlsx')).toBe(true);
    } finally {
      t.close();
    }
  });
});
