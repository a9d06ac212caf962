import { CallError, callFunction, NETWORK_MESSAGE, setTransport } from '../../client/services/call';
import { formatDate, formatFen } from '../../client/utils/format';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123450, '¥1,234.50'],
    [100000000, '¥1,000,000.00'],
    [-2550, '-¥25.50'],
  ])('%i fen → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('formats ISO dates in Chinese', () => expect(formatDate('2026-03-05')).toBe('2026年3月5日'));
});

describe('callFunction', () => {
  it('sends { action, ...input } to the named function and returns data', async () => {
    const sent: unknown[] = [];
    setTransport(async (fn, event) => {
      sent.push([fn, event]);
      return { ok: true, data: { status: 'ok', function: fn, time: 't' } };
    });
    await expect(callFunction('billing', 'health', {})).resolves.toEqual({
      status: 'ok',
      function: 'billing',
      time: 't',
    });
    expect(sent).toEqual([['billing', { action: 'health' }]]);
  });

  it('turns an error envelope into CallError with the Chinese message and fields', async () => {
    setTransport(async () => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '提交的内容不完整或格式不正确，请检查后重试。',
        fields: { x: '必填' },
      },
    }));
    const err = await callFunction('account', 'me', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({
      code: 'INVALID_INPUT',
      message: '提交的内容不完整或格式不正确，请检查后重试。',
      fields: { x: '必填' },
    });
  });

  it('a network failure or a malformed answer still gives a Chinese message', async () => {
    setTransport(async () => {
      throw new Error('ECONNRESET');
    });
    await expect(callFunction('account', 'me', {})).rejects.toMatchObject({
      code: 'NETWORK',
      message: NETWORK_MESSAGE,
    });
    setTransport(async () => 'oops' as never);
    await expect(callFunction('account', 'me', {})).rejects.toMatchObject({
      code: 'INTERNAL',
      message: '系统繁忙，请稍后重试。',
    });
  });
});
