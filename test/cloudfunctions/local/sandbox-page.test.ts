import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../../cloudfunctions/_local/server';

const NOW = new Date('2026-11-22T10:00:00Z');

/** The local host shows what the WeChat and SMS sandboxes sent (issue #18), for development only. */
describe('the message sandboxes on the local host', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-sandbox-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'anju-h5-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>安居</title>');
  let server: LocalServer;

  beforeAll(async () => {
    server = await startLocalServer({ port: 0, dataDir, staticDir, now: () => NOW });
  }, 60_000);
  afterAll(async () => server.close());

  it('lists an urgent alert’s SMS to the demo manager as JSON and on a page', async () => {
    const empty = (await (await fetch(`${server.url}/api/dev/sandbox/messages`)).json()) as {
      data: unknown[];
    };
    expect(empty.data).toEqual([]);
    await server.host.runtime.messages.alert({
      key: 'sandbox-page-test',
      kind: 'hazard_urgent',
      projectId: 'p-huimin',
      title: '立即危险：请马上处置',
      body: '1栋 配电箱冒烟',
      fields: { place: '1栋 楼道', what: '配电箱冒烟' },
      link: null,
    });
    const list = (await (await fetch(`${server.url}/api/dev/sandbox/messages`)).json()) as {
      data: { channel: string; request: Record<string, unknown>; accepted: boolean }[];
    };
    expect(list.data).toEqual([
      expect.objectContaining({
        channel: 'sms',
        accepted: true,
        request: expect.objectContaining({
          PhoneNumberSet: ['+8613800000001'],
          TemplateId: 'sandbox-sms-hazard_urgent',
          TemplateParamSet: ['1栋 楼道', '配电箱冒烟'],
        }),
      }),
    ]);
    const page = await (await fetch(`${server.url}/dev/sandbox`)).text();
    expect(page).toContain('消息沙箱');
    expect(page).toContain('+8613800000001');
    expect(page).toContain('配电箱冒烟');
  });
});
