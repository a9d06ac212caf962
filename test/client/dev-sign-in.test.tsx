import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import DevSignIn from '../../client/pages/dev-sign-in/index';
import { getSessionToken, setSessionToken } from '../../client/services/session';
import { navigations } from './mocks/taro';

const g = globalThis as Record<string, unknown>;

const personas = [
  { id: 'tenant', name: '王秀英', roles: ['tenant'], description: '按时缴费的租户' },
  { id: 'admin', name: '赵磊', roles: ['admin'], description: '住房保障部门工作人员' },
];

function json(body: unknown): Response {
  return { status: 200, ok: true, json: async () => body } as Response;
}

let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;

beforeEach(() => {
  fetchMock = jest.fn();
  g.fetch = fetchMock;
  setSessionToken('');
  navigations.length = 0;
});
afterEach(() => {
  g.ANJU_LOCAL = false;
});

describe('development sign-in page', () => {
  it('lists the personas and signs in with one tap', async () => {
    g.ANJU_LOCAL = true;
    fetchMock.mockImplementation(async (url, init) => {
      if (url === '/api/dev/personas') return json({ ok: true, data: personas });
      if (url === '/api/dev/sign-in') {
        const { personaId } = JSON.parse(init!.body as string) as { personaId: string };
        return json({ ok: true, data: { token: `tok-${personaId}`, persona: personas[1] } });
      }
      throw new Error(`unexpected ${url}`);
    });
    const { container } = render(<DevSignIn />);
    expect(await screen.findByText('王秀英')).toBeTruthy();
    expect(screen.getByText('住房保障部门')).toBeTruthy();
    fireEvent.click(container.querySelector('#persona-admin')!);
    await waitFor(() => expect(navigations).toEqual(['/pages/index/index']));
    expect(getSessionToken()).toBe('tok-admin');
    expect(fetchMock.mock.calls.map(([url, init]) => [url, init?.method ?? 'GET'])).toEqual([
      ['/api/dev/personas', 'GET'],
      ['/api/dev/sign-in', 'POST'],
    ]);
  });

  it('shows a network error in Chinese and retries', async () => {
    g.ANJU_LOCAL = true;
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    fetchMock.mockResolvedValueOnce(json({ ok: true, data: personas }));
    render(<DevSignIn />);
    expect(await screen.findByText(/^网络异常/)).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('赵磊')).toBeTruthy();
  });

  it('is inert when ANJU_LOCAL is off: no request, no personas', async () => {
    render(<DevSignIn />);
    expect(screen.getByText('该页面仅在本地开发环境可用。')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 10));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(getSessionToken()).toBe('');
  });
});
