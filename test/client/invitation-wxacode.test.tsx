import { fireEvent, render, waitFor } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import Join from '../../client/pages/join/index';
import People from '../../client/pages/people/index';
import { fakeBackend, Refusal } from './fake-backend';
import { resetTaro, routerParams } from './mocks/taro';

const g = globalThis as Record<string, unknown>;

beforeEach(() => {
  resetTaro();
  g.ANJU_LOCAL = true;
});
afterEach(() => {
  delete g.ANJU_LOCAL;
});

/** A scanned 小程序码 opens the join page with the code in `scene` (URL-encoded), not `code`. */
describe('join page from a scanned 小程序码', () => {
  it('takes the code from scene', async () => {
    routerParams.scene = encodeURIComponent('k7m2p9qx');
    const backend = fakeBackend().on('account', 'acceptInvitation', {
      roles: ['worker'],
      role: 'worker',
      roleLabel: '维修人员',
    });
    const { container } = render(<Join />);
    expect((container.querySelector('#join-code') as HTMLInputElement | null)?.getAttribute('value')).toBe(
      'K7M2P9QX',
    );
    fireEvent.click(container.querySelector('#join-submit')!);
    await waitFor(() =>
      expect(backend.inputsOf('account', 'acceptInvitation')).toEqual([{ code: 'K7M2P9QX' }]),
    );
  });
});

describe('people page: an open invitation shows its 小程序码', () => {
  const me: MeResult = {
    user: { id: 'u-admin', name: '赵磊', roles: ['admin'], householdRelation: null },
    tenant: null,
    projects: [],
    volunteer: null,
    admin: { applicationsByStatus: {}, calendarMissingYear: null },
  };
  const invitation = (id: string, code: string, status: 'open' | 'accepted') => ({
    id,
    code,
    path: `/pages/join/index?code=${code}`,
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
    departmentLabel: null,
  });
  const backendWith = () =>
    fakeBackend()
      .on('account', 'me', me)
      .on('account', 'invitations', [
        invitation('inv-1', 'ABCDEFGH', 'open'),
        invitation('inv-2', 'BCDEFGHJ', 'accepted'),
      ])
      .on('account', 'staff', [])
      .on('account', 'familyMembers', [])
      .on('account', 'bindings', [])
      .on('account', 'idAccessLog', [])
      .on('account', 'corrections', []);

  it('shows the image from the server for the open one only, with the code still shown', async () => {
    const url = 'https://files.example/invitations/inv-1/wxacode.png?sign=abc';
    const backend = backendWith().on('account', 'invitationQr', {
      url,
      expiresAt: '2026-11-22T02:10:00.000Z',
    });
    const { container } = render(<People />);
    await waitFor(() => expect(container.querySelector('#qr-inv-1')).not.toBeNull());
    expect(container.querySelector('#qr-inv-1')?.getAttribute('src')).toBe(url);
    expect(container.querySelector('#qr-inv-2')).toBeNull();
    expect(container.textContent).toContain('ABCDEFGH');
    expect(backend.inputsOf('account', 'invitationQr')).toEqual([{ invitationId: 'inv-1' }]);
    expect(backend.unexpected).toEqual([]);
  });

  it('says so in Chinese when the code cannot be made, and offers to try again', async () => {
    backendWith().on(
      'account',
      'invitationQr',
      new Refusal('UNAVAILABLE', '暂时无法生成小程序码，请稍后再试，或把邀请码发给受邀人。'),
    );
    const { container } = render(<People />);
    await waitFor(() => expect(container.querySelector('#qr-failed-inv-1')).not.toBeNull());
    expect(container.querySelector('#qr-failed-inv-1')?.textContent).toContain('暂时无法生成小程序码');
    expect(container.querySelector('#qr-inv-1')).toBeNull();
  });
});
