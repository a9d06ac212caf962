import type { Rng } from './rng';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '晓燕',
  '海燕',
  '德胜',
];

export function makeChineseName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** An 18-digit resident ID number with a valid GB 11643 check digit (Wuhan area code 420106). */
export function makeIdNumber(rng: Rng, birthYear: number): string {
  const body =
    '420106' +
    String(birthYear) +
    String(rng.int(1, 12)).padStart(2, '0') +
    String(rng.int(1, 28)).padStart(2, '0') +
    String(rng.int(0, 999)).padStart(3, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * (weights[i] ?? 0), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

export function makePhone(rng: Rng): string {
  return '1' + rng.pick(['3', '5', '7', '8', '9']) + String(rng.int(0, 999_999_999)).padStart(9, '0');
}
