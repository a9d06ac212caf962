import { CallError, callFunction, NETWORK_MESSAGE } from '../../client/services/call';
import { setSessionToken } from '../../client/services/session';

/**
 * The browser transport (what the H5 build uses; jest has no TARO_ENV, so the wrapper picks it):
 * POST <API_BASE>/api/<fn> with the session header, the envelope as the body whatever the HTTP status.
 */
const g = globalThis as Record<string, unknown>;

function answer(status: number, body: unknown): Response {
  return { status, ok: status < 400, json: async () => body } as Response;
}

describe('callFunction over HTTP', () => {
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit]>;

  beforeEach(() => {
    fetchMock = jest.fn();
    g.fetch = fetchMock;
    g.ANJU_API_BASE = '';
  });

  it('posts { action, ...input } to /api/<fn> with the stored session token', async () => {
    setSessionToken('tok-123');
    fetchMock.mockResolvedValue(
      answer(200, { ok: true, data: { status: 'ok', function: 'account', time: 't' } }),
    );
    await expect(callFunction('account', 'health', {})).resolves.toEqual({
      status: 'ok',
      function: 'account',
      time: 't',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/account');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-anju-session': 'tok-123' });
    expect(JSON.parse(init.body as string)).toEqual({ action: 'health' });
  });

  it('prefixes the build-time API base', async () => {
    g.ANJU_API_BASE = 'https://anju.example.cn';
    fetchMock.mockResolvedValue(
      answer(200, { ok: true, data: { status: 'ok', function: 'billing', time: 't' } }),
    );
    await callFunction('billing', 'health', {});
    expect(fetchMock.mock.calls[0]![0]).toBe('https://anju.example.cn/api/billing');
  });

  it('reads the error envelope from a 401 answer and throws CallError with the Chinese message', async () => {
    setSessionToken('');
    fetchMock.mockResolvedValue(answer(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '' } }));
    const err = await callFunction('account', 'me', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录后再操作。' });
    expect((fetchMock.mock.calls[0]![1].headers as Record<string, string>)['x-anju-session']).toBe('');
  });

  it('a refused connection or a body that is not JSON is a network error in Chinese', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(callFunction('account', 'me', {})).rejects.toMatchObject({
      code: 'NETWORK',
      message: NETWORK_MESSAGE,
    });
    fetchMock.mockResolvedValue({
      status: 502,
      ok: false,
      json: async () => {
        throw new SyntaxError('Unexpected token <');
      },
    } as unknown as Response);
    await expect(callFunction('account', 'me', {})).rejects.toMatchObject({ code: 'NETWORK' });
    expect(NETWORK_MESSAGE).toMatch(/^网络异常/);
  });
});
