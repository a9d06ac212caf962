import {
  alertRecipients,
  keywordValue,
  MESSAGE_OPERATOR_DEFAULTS,
  nextAttemptAt,
  smsVerdict,
  wechatVerdict,
} from '@shared/rules/messages.rule';

/** How platform answers are read (subscribeMessage.send errcodes, SendSms codes) and how retries are spaced. */
describe('message delivery rules', () => {
  it.each([
    ['WeChat 0: sent', 0, { outcome: 'sent' }],
    [
      'WeChat 43101: refused, never retried',
      43101,
      { outcome: 'dead', reason: '用户拒收或已取消订阅', refused: true },
    ],
    [
      'WeChat 47003: bad data, dead',
      47003,
      { outcome: 'dead', reason: '模板内容不符合要求', refused: false },
    ],
    ['WeChat -1: busy, retried', -1, { outcome: 'retry', reason: '微信系统繁忙' }],
    ['WeChat 45009: over quota, retried', 45009, { outcome: 'retry', reason: '微信接口调用超过限额' }],
    [
      'WeChat unknown errcode: dead with the code',
      12345,
      { outcome: 'dead', reason: '微信返回错误 12345（x）' },
    ],
  ])('%s', (_case, errcode, verdict) => {
    expect(wechatVerdict(errcode, 'x')).toEqual(verdict);
  });

  it.each([
    ['SMS Ok: sent', 'Ok', 'sent'],
    ['SMS per-number rate limit: retried', 'LimitExceeded.PhoneNumberThirtySecondLimit', 'retry'],
    ['SMS invalid number: dead', 'InvalidParameterValue.IncorrectPhoneNumber', 'dead'],
    ['SMS unapproved template: dead', 'FailedOperation.TemplateIncorrectOrUnapproved', 'dead'],
  ])('%s', (_case, code, outcome) => {
    expect(smsVerdict(code, 'm').outcome).toBe(outcome);
  });

  it('retries wait 1, 2, 4, 8 minutes (运营方设定) and stop after the configured tries', () => {
    const s = MESSAGE_OPERATOR_DEFAULTS;
    expect([1, 2, 3, 4].map((a) => (nextAttemptAt(a, 0, s) ?? -1) / 60_000)).toEqual([1, 2, 4, 8]);
    expect(nextAttemptAt(s.maxAttempts, 0, s)).toBeNull();
  });

  it.each([
    [
      'thing keeps 20 characters and marks the cut',
      'thing1',
      '一二三四五六七八九十一二三四五六七八九十一',
      '一二三四五六七八九十一二三四五六七八九…',
    ],
    ['thing within its limit is unchanged', 'thing2', '厨房水管漏水', '厨房水管漏水'],
    ['phrase keeps 5 characters', 'phrase3', '已完成待确认', '已完成待确'],
    ['an empty value becomes a dash (WeChat refuses empty keywords)', 'thing4', '  ', '—'],
  ])('keyword values: %s', (_case, key, value, out) => {
    expect(keywordValue(key, value)).toBe(out);
  });

  it('an alert goes to the managers at once, then one person of the list at a time', () => {
    const chain = ['m1', 'm2', 'office1', 'office2'];
    expect([0, 1, 2, 3].map((level) => alertRecipients(chain, 2, level))).toEqual([
      ['m1', 'm2'],
      ['office1'],
      ['office2'],
      [],
    ]);
    // A project with no manager: the first of the office is told first.
    expect(alertRecipients(['office1', 'office2'], 0, 0)).toEqual(['office1']);
    expect(alertRecipients(['office1', 'office2'], 0, 1)).toEqual(['office2']);
  });
});
