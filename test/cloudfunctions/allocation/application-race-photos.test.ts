import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '@shared/collections';
import type { ApplicationDoc } from '../../../cloudfunctions/_runtime/documents';
import { addApplicant, applicationForm } from '../../factories/application.factory';
import { openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/** Every file under `dir`, as cloud paths relative to it. */
function filesUnder(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(full, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .map((e) => path.join(dir, e))
    .filter((p) => path.extname(p) !== '')
    .sort();
}

/**
 * Two submissions of one person with different request ids race (application-race.test.ts): both copy the
 * photos under `applications/<their id>/` before the transaction, and the transaction's guard lets one
 * through. The refused one removes its copies through the storage port, by the file IDs the copy answered,
 * so storage holds only the winner's files.
 */
describe('a refused racing submission leaves no photos', () => {
  let t: TestHost;
  let applicant: TestUser;
  let filesDir: string;
  beforeEach(async () => {
    filesDir = mkdtempSync(path.join(os.tmpdir(), 'anju-race-files-'));
    t = await openTestHost('2026-09-07T02:00:00Z', { filesDir });
    applicant = await addApplicant(t.db);
  });
  afterEach(() => {
    t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('storage holds only the winning application’s copies after a real interleaving race', async () => {
    const a = await applicationForm(t, applicant.openid, 1);
    const b = { ...(await applicationForm(t, applicant.openid, 1)), clientRequestId: 'apply-1-0002' };
    // Watch the copies being made, so the race is shown to be real: both calls got as far as copying.
    const storage = t.host.runtime.storage;
    const upload = storage.upload.bind(storage);
    const removed: string[] = [];
    const remove = storage.remove.bind(storage);
    const copiedTo = new Set<string>();
    jest.spyOn(storage, 'upload').mockImplementation(async (cloudPath, bytes, type) => {
      if (cloudPath.startsWith('applications/')) copiedTo.add(cloudPath.split('/')[1]!);
      return upload(cloudPath, bytes, type);
    });
    jest.spyOn(storage, 'remove').mockImplementation(async (ids) => {
      removed.push(...ids);
      return remove(ids);
    });

    const results = await Promise.all([
      t.call('allocation', applicant.openid, 'submitApplication', a),
      t.call('allocation', applicant.openid, 'submitApplication', b),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expect(refused.error.code).toBe('STATE_INVALID');
    expect(copiedTo.size).toBe(2); // both submissions copied their photos before one was refused

    const [winner] = await t.all<ApplicationDoc>(COLLECTIONS.applications);
    const kept = winner!.form!.documents.flatMap((d) => d.fileIds);
    expect(kept).toHaveLength(4);
    // Storage under applications/ is exactly the winner's files, and every one of them opens.
    const stored = filesUnder(filesDir, 'applications');
    expect(stored).toEqual(kept.map((id) => id.split('/').slice(3).join('/')).sort());
    expect(stored.every((p) => p.startsWith(`applications/${winner!._id}/`))).toBe(true);
    for (const id of kept) expect((await storage.download(id)).length).toBeGreaterThan(0);
    // The loser's copies were removed by real file IDs (cloud://…), not by paths.
    const loserIds = removed.filter((id) => id.includes('/applications/'));
    expect(loserIds).toHaveLength(4);
    expect(loserIds.every((id) => id.startsWith('cloud://') && !id.includes(winner!._id))).toBe(true);
  });
});
