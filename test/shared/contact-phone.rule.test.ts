import { normalizeServicePhone } from '@shared/rules/contact-phone.rule';

describe('service phone numbers (电信网编号计划: mobile, or landline with area code)', () => {
  it.each([
    ['mobile, 11 digits', '13812345678', '13812345678'],
    ['mobile with spaces', '138 1234 5678', '13812345678'],
    ['three-digit area code 027 with dash', '027-88886666', '027-88886666'],
    ['three-digit area code without dash', '02788886666', '027-88886666'],
    ['Beijing 010', '010-12345678', null],
    ['Beijing 010, number from 2', '01062345678', '010-62345678'],
    ['four-digit area code 0474 (Ulanqab), 7 digits', '0474-8123456', '0474-8123456'],
    ['area code in brackets', '(0752)2345678', '0752-2345678'],
    ['full-width brackets', '（027）88886666', '027-88886666'],
    ['extension', '027-88886666-123', '027-88886666-123'],
    ['no area code', '88886666', null],
    ['too short', '027-888', null],
    ['mobile starting 12', '12812345678', null],
    ['area code without its 0', '2788886666', null],
    ['letters', 'abc', null],
    ['empty', '', null],
  ])('%s: %s → %s', (_case, typed, expected) => {
    expect(normalizeServicePhone(typed)).toBe(expected);
  });
});
