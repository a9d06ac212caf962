import {
  birthDateOfIdNumber,
  grantableRoles,
  isAdultOn,
  isValidIdNumber,
  maskIdNumber,
  PEOPLE_OPERATOR_DEFAULTS,
  RETENTION_SOURCE,
} from '@shared/rules/people.rule';

describe('resident ID numbers (GB 11643-1999)', () => {
  it.each([
    ['GB 11643: digits, a real birth date and the right check digit', '420106198001010015', true],
    ['GB 11643: check character X', '42010619800101004X', true],
    ['GB 11643: a lower-case x is the same number', '42010619800101004x', true],
    ['GB 11643: a wrong check digit', '420106198001010010', false],
    ['GB 11643: month 13 does not exist', '420106198013010015', false],
    ['GB 11643: 30 February does not exist', '420106198002300015', false],
    ['GB 11643: 17 characters', '42010619800101001', false],
    ['GB 11643: letters inside', '4201061980A101001X', false],
  ])('%s', (_case, id, valid) => {
    expect(isValidIdNumber(id)).toBe(valid);
  });

  it('reads the birth date', () => {
    expect(birthDateOfIdNumber('420106198001010015')).toBe('1980-01-01');
    expect(birthDateOfIdNumber('bad')).toBeNull();
  });

  it.each([
    ['民法典 第十七条: 18 on the birthday', '420106200801010013', '2026-01-01', true],
    ['民法典 第十七条: the day before the 18th birthday', '420106200801010013', '2025-12-31', false],
    [
      '民法典 第十七条: born 29 February, 18 on 1 March of a common year',
      '420106200802290010',
      '2026-03-01',
      true,
    ],
  ])('%s', (_case, id, today, adult) => {
    expect(isValidIdNumber(id)).toBe(true);
    expect(isAdultOn(id, today)).toBe(adult);
  });

  it('masks all but the area code and the last four', () => {
    expect(maskIdNumber('42010619800101004X')).toBe('420106********004X');
  });
});

describe('who may grant which role', () => {
  it.each([
    [
      'the housing office grants every staff role, the three reviewers of 三审三公示 and the department checkers included',
      ['admin'],
      [
        'admin',
        'manager',
        'worker',
        'volunteer',
        'community_reviewer',
        'street_reviewer',
        'housing_reviewer',
        'department_reviewer',
      ],
    ],
    ['a reviewer grants nothing', ['housing_reviewer'], []],
    ['a department checker grants nothing', ['department_reviewer'], []],
    ['a manager grants its helpers', ['manager'], ['worker', 'volunteer']],
    ['a tenant who volunteers grants nothing', ['tenant', 'volunteer'], []],
    ['a worker grants nothing', ['worker'], []],
  ] as const)('%s', (_case, roles, grants) => {
    expect(grantableRoles(roles)).toEqual(grants);
  });
});

describe('retention', () => {
  it('names the period and its source', () => {
    expect(RETENTION_SOURCE).toContain(`${PEOPLE_OPERATOR_DEFAULTS.exitedRetentionYears} 年`);
    expect(RETENTION_SOURCE).toContain('运营方设定');
    expect(RETENTION_SOURCE).toContain('个人信息保护法 第十九条');
  });
});
