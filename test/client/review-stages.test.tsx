import { reviewStages } from '../../client/utils/review-stages';

const h = (state: string, at: string) => ({ state, label: state, at, by: '', note: '' }) as never;

describe('the three reviews as steps (社区初审 → 街道复审 → 住房保障部门终审)', () => {
  it('a case in its second notice: the first passed with its day, the second passed and in notice, the third waits', () => {
    const { lines, current } = reviewStages(
      [
        h('submitted', '2026-11-01T02:00:00.000Z'),
        h('initial_review', '2026-11-01T02:00:00.000Z'),
        h('initial_notice', '2026-11-03T17:00:00.000Z'), // 11月4日 in Beijing
        h('second_review', '2026-11-12T02:00:00.000Z'),
        h('second_notice', '2026-11-14T02:00:00.000Z'),
      ],
      'second_notice',
      '2026-11-21',
    );
    expect(current).toBe(2);
    expect(lines.map((l) => l.state)).toEqual(['finish', 'process', 'wait']);
    expect(lines[0]!.description).toBe('2026年11月4日通过');
    expect(lines[1]!.description).toBe('2026年11月14日通过，公示至2026年11月21日');
    expect(lines[2]!.description).toBe('尚未开始');
  });

  it('an objection upheld sends a stage back to review: it is no longer shown as passed', () => {
    const { lines } = reviewStages(
      [
        h('initial_review', '2026-11-01T02:00:00.000Z'),
        h('initial_notice', '2026-11-02T02:00:00.000Z'),
        h('initial_review', '2026-11-05T02:00:00.000Z'),
      ],
      'initial_review',
      null,
    );
    expect(lines[0]).toMatchObject({ state: 'process', description: '2026年11月5日开始审核' });
  });

  it('a refusal marks the stage it happened in; approval finishes all three', () => {
    const refused = reviewStages(
      [
        h('initial_review', '2026-11-01T02:00:00.000Z'),
        h('initial_notice', '2026-11-02T02:00:00.000Z'),
        h('second_review', '2026-11-10T02:00:00.000Z'),
        h('rejected', '2026-11-11T02:00:00.000Z'),
      ],
      'rejected',
      null,
    );
    expect(refused.lines.map((l) => l.state)).toEqual(['finish', 'refused', 'wait']);
    expect(refused.lines[1]!.description).toBe('2026年11月11日未通过');
    const approved = reviewStages(
      [
        h('initial_review', '2026-11-01T02:00:00.000Z'),
        h('initial_notice', '2026-11-02T02:00:00.000Z'),
        h('second_review', '2026-11-10T02:00:00.000Z'),
        h('second_notice', '2026-11-11T02:00:00.000Z'),
        h('final_review', '2026-11-20T02:00:00.000Z'),
        h('final_notice', '2026-11-22T02:00:00.000Z'),
        h('approved', '2026-11-30T02:00:00.000Z'),
      ],
      'approved',
      null,
    );
    expect(approved.current).toBe(4);
    expect(approved.lines.map((l) => l.state)).toEqual(['finish', 'finish', 'finish']);
  });
});
