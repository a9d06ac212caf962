import { CallError, callFunction, NETWORK_MESSAGE, setTransport } from '../../client/services/call';
import { ERROR_MESSAGES } from '@shared/errors';
import { PAYLOAD_ERR_MSG } from '../../cloudfunctions/_runtime/platform-limits';

/**
 * A call the platform refuses for its size (issue #15) is a clear Chinese CallError, not a network error:
 * sending it again would fail the same way, so the offline queue must not keep retrying it.
 */
describe('a call over the payload limit', () => {
  it.each([
    [
      'the mini-program errMsg of wx.cloud.callFunction',
      // What the mini-program test harness (and WeChat) rejects with.
      Object.assign(new Error(PAYLOAD_ERR_MSG), { errMsg: PAYLOAD_ERR_MSG, errCode: -1 }),
    ],
    ['a plain callback object with only errMsg', { errMsg: 'cloud.callFunction:fail data exceed max size' }],
    ["CloudBase's error code", { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: 'request body too large' }],
  ])('%s → CallError EXCEED_MAX_PAYLOAD_SIZE in Chinese', async (_name, thrown) => {
    setTransport(async () => {
      throw thrown;
    });
    const err = await callFunction('account', 'me', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({
      code: 'EXCEED_MAX_PAYLOAD_SIZE',
      message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE,
    });
    expect((err as CallError).message).toMatch(/提交的内容过大/);
  });

  it("the local host's 413 envelope over HTTP is the same CallError", async () => {
    const g = globalThis as Record<string, unknown>;
    const saved = g.fetch;
    g.ANJU_API_BASE = '';
    g.fetch = jest.fn(async () => ({
      status: 413,
      ok: false,
      json: async () => ({
        ok: false,
        error: { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE },
      }),
    }));
    try {
      // A fresh module has the browser transport again (the tests above replaced it).
      jest.resetModules();
      const { callFunction: fresh } = await import('../../client/services/call');
      const err = await fresh('account', 'me', {}).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'EXCEED_MAX_PAYLOAD_SIZE',
        message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE,
      });
    } finally {
      g.fetch = saved;
    }
  });

  it("a gateway's bare answer with the platform code is the same CallError", async () => {
    setTransport(
      async () => ({ code: 'EXCEED_MAX_PAYLOAD_SIZE', message: 'request body too large' }) as never,
    );
    await expect(callFunction('account', 'me', {})).rejects.toMatchObject({
      code: 'EXCEED_MAX_PAYLOAD_SIZE',
      message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE,
    });
  });

  it('other failures of the transport are still network errors', async () => {
    setTransport(async () => {
      throw Object.assign(new Error('request:fail timeout'), { errMsg: 'cloud.callFunction:fail timeout' });
    });
    await expect(callFunction('account', 'me', {})).rejects.toMatchObject({
      code: 'NETWORK',
      message: NETWORK_MESSAGE,
    });
  });
});
