import { crc32, inflateSync } from 'node:zlib';
import { render, waitFor } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import People from '../../client/pages/people/index';
import { qrImage, qrSymbol } from '../../client/utils/qr-image';
import { fakeBackend } from './fake-backend';
import { resetTaro } from './mocks/taro';

/**
 * Reads a PNG the way any reader must: every chunk's CRC checked, the zlib stream inflated (its checksum
 * checked), the 1-bit grayscale rows unpacked. Answers whether the pixel at (x, y) is dark.
 */
function readPng(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < bytes.length) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + len);
    expect(bytes.readUInt32BE(at + 8 + len)).toBe(crc32(bytes.subarray(at + 4, at + 8 + len)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([1, 0]); // bit depth 1, grayscale
    }
    if (type === 'IDAT') idat.push(body);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8);
  expect(raw.length).toBe((rowBytes + 1) * height);
  return {
    width,
    height,
    darkAt: (x: number, y: number) => {
      const row = y * (rowBytes + 1);
      expect(raw[row]).toBe(0); // filter type None
      return ((raw[row + 1 + (x >> 3)] as number) & (0x80 >> (x & 7))) === 0;
    },
  };
}

/** The invitation QR code (issue #17) encodes the join page with the code, and its picture shows exactly that symbol. */
describe('invitation QR code', () => {
  const segmentsText = (text: string) =>
    qrSymbol(text)
      .segments.map((s) =>
        typeof s.data === 'string' ? s.data : Buffer.from(s.data as Uint8Array).toString('utf8'),
      )
      .join('');

  it.each([
    '/pages/join/index?code=ABCDEFGH',
    '/pages/join/index?code=K7M2P9QX',
    '/pages/join/index?code=邀请',
  ])('the symbol of %s carries the join path, and the PNG shows its modules with a quiet zone', (path) => {
    expect(segmentsText(path)).toBe(path);
    const scale = 6;
    const qr = qrImage(path, scale);
    const symbol = qrSymbol(path).modules;
    expect(qr.modules.length).toBe(symbol.size);

    const png = readPng(Buffer.from(qr.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect(png.width).toBe(qr.size);
    expect(png.height).toBe((symbol.size + 8) * scale);
    const { darkAt } = png;
    const mismatches: string[] = [];
    for (let r = -4; r < symbol.size + 4; r++)
      for (let c = -4; c < symbol.size + 4; c++) {
        const inside = r >= 0 && c >= 0 && r < symbol.size && c < symbol.size;
        const want = inside && symbol.get(r, c) === 1;
        // the centre pixel of each module
        const got = darkAt((c + 4) * scale + scale / 2, (r + 4) * scale + scale / 2);
        if (want !== got) mismatches.push(`${r},${c}`);
      }
    expect(mismatches).toEqual([]);
    // A finder pattern's corner is dark: the picture is not blank.
    expect(darkAt(4 * scale, 4 * scale)).toBe(true);
  });

  it('different codes give different pictures', () => {
    expect(qrImage('/pages/join/index?code=ABCDEFGH').dataUrl).not.toBe(
      qrImage('/pages/join/index?code=ABCDEFGJ').dataUrl,
    );
  });
});

describe('people page: an open invitation shows its QR code', () => {
  const me: MeResult = {
    user: { id: 'u-admin', name: '赵磊', roles: ['admin'], householdRelation: null },
    tenant: null,
    projects: [],
    volunteer: null,
    admin: { applicationsByStatus: {}, calendarMissingYear: null },
  };
  const invitation = (id: string, status: 'open' | 'accepted') => ({
    id,
    code: id === 'inv-1' ? 'ABCDEFGH' : 'BCDEFGHJ',
    path: `/pages/join/index?code=${id === 'inv-1' ? 'ABCDEFGH' : 'BCDEFGHJ'}`,
    role: 'worker' as const,
    roleLabel: '维修人员',
    projectNames: ['惠民家园'],
    note: '',
    createdByName: '赵磊',
    createdAt: '2026-11-22T02:00:00.000Z',
    expiresAt: '2026-11-29T02:00:00.000Z',
    status,
    statusLabel: status === 'open' ? '待接受' : '已接受',
    acceptedByName: status === 'open' ? null : '孙强',
  });
  beforeEach(() => resetTaro());

  it('draws the join link of the open one, and none for the accepted one', async () => {
    const backend = fakeBackend()
      .on('account', 'me', me)
      .on('account', 'invitations', [invitation('inv-1', 'open'), invitation('inv-2', 'accepted')])
      .on('account', 'staff', [])
      .on('account', 'familyMembers', [])
      .on('account', 'bindings', [])
      .on('account', 'idAccessLog', [])
      .on('account', 'corrections', []);
    const { container } = render(<People />);
    await waitFor(() => expect(container.querySelector('#qr-inv-1')).not.toBeNull());
    expect(container.querySelector('#qr-inv-1')?.getAttribute('src')).toBe(
      qrImage('/pages/join/index?code=ABCDEFGH', 6).dataUrl,
    );
    expect(container.querySelector('#qr-inv-2')).toBeNull();
    expect(backend.unexpected).toEqual([]);
  });
});
