import { TextEncoder } from 'node:util';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { ChoiceChips } from '../../client/components/choice-chips';
import Admin from '../../client/pages/admin/index';
import People from '../../client/pages/people/index';
import { answerPeoplePage, createdInvitation, officeMe } from '../factories/account-page.factory';
import { fakeBackend } from './fake-backend';
import { resetTaro } from './mocks/taro';

/*
 * The last hand-made several-choice chips (issue #19) are one component: ChoiceChips `multiple`. Each chip is a
 * checkbox with a mark, the chosen ones are named in words under the chips, and the pages send what is chosen.
 */
const FRUIT = [
  ['a', '苹果'],
  ['b', '香蕉'],
  ['c', '橙子'],
] as const;

function Several({ start, seen }: { start: string[]; seen: string[][] }) {
  const [value, setValue] = useState(start);
  return (
    <ChoiceChips
      multiple
      label="水果"
      options={FRUIT}
      value={value}
      idOf={(v) => `fruit-${v}`}
      onChange={(next) => {
        seen.push(next);
        setValue(next);
      }}
    />
  );
}

// The admin page hashes the lottery seed with TextEncoder, which jsdom lacks.
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= TextEncoder;

beforeEach(() => resetTaro());

describe('ChoiceChips multiple', () => {
  it('each chip is a checkbox that says whether it is chosen, with a mark and the chosen ones named in words', () => {
    const seen: string[][] = [];
    const { container } = render(<Several start={['b']} seen={seen} />);
    const chip = (v: string) => container.querySelector(`#fruit-${v}`)!;
    expect(container.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('水果（可多选）');
    expect(chip('a').getAttribute('role')).toBe('checkbox');
    expect(chip('a').getAttribute('aria-checked')).toBe('false');
    expect(chip('b').getAttribute('aria-checked')).toBe('true');
    expect(chip('b').className).toContain('chip-on');
    expect(chip('b').querySelector('.chip-mark')).not.toBeNull();
    expect(container.querySelector('.chips-chosen')!.textContent).toBe('已选 1 项：香蕉');

    fireEvent.click(chip('c'));
    fireEvent.click(chip('a'));
    // Kept in the options' order, whatever the order of the taps.
    expect(seen).toEqual([
      ['b', 'c'],
      ['a', 'b', 'c'],
    ]);
    expect(container.querySelector('.chips-chosen')!.textContent).toBe('已选 3 项：苹果、香蕉、橙子');
    fireEvent.click(chip('b'));
    fireEvent.click(chip('a'));
    fireEvent.click(chip('c'));
    expect(seen.at(-1)).toEqual([]);
    expect(chip('c').getAttribute('aria-checked')).toBe('false');
    expect(container.querySelector('.chips-chosen')!.textContent).toBe('还没有选择');
  });
});

describe('admin page: categories and the project picker are chips', () => {
  const projects = [
    { id: 'p1', name: '惠民家园', address: '测试路 1 号', servicePhone: '', units: 4, vacant: 1 },
    { id: 'p2', name: '和谐新城', address: '测试路 2 号', servicePhone: '', units: 6, vacant: 2 },
  ];
  it('says under the chips that none is chosen, sends nothing, then sends the chosen categories for the picked project', async () => {
    const backend = fakeBackend()
      .on('allocation', 'listProjects', projects)
      .on('allocation', 'listRounds', [])
      .on('allocation', 'listVacancies', [])
      .on('allocation', 'createRound', (input) => ({
        id: 'r-1',
        projectId: input.projectId,
        projectName: '和谐新城',
        title: input.title,
        description: input.description,
        status: 'announced' as const,
        statusLabel: '报名中',
        registrationOpensAt: input.registrationOpensAt,
        registrationClosesAt: input.registrationClosesAt,
        eligibleCategories: input.eligibleCategories,
        seedCommitment: input.seedCommitment,
        seed: null,
        algorithm: null,
        inputDigest: null,
        registrations: 0,
        vacantUnits: 2,
        noticeEndsOn: null,
      }));
    const { container } = render(<Admin />);
    await screen.findAllByText(/和谐新城/);
    const project = (id: string) => container.querySelector(`#project-${id}`)!;
    expect(project('p2').textContent).toContain('和谐新城（6 套，空置 2）');
    fireEvent.click(project('p2'));
    await waitFor(() => expect(project('p2').getAttribute('aria-pressed')).toBe('true'));
    expect(project('p1').getAttribute('aria-pressed')).toBe('false');

    for (const c of ['dibao', 'tekun', 'low_income']) {
      expect(container.querySelector(`#category-${c}`)!.getAttribute('aria-checked')).toBe('true');
      fireEvent.click(container.querySelector(`#category-${c}`)!);
    }
    expect(container.querySelector('#category-dibao')!.getAttribute('aria-checked')).toBe('false');
    fireEvent.change(container.querySelector('#round-title')!, { target: { value: '2026年第四季度配租' } });
    fireEvent.change(container.querySelector('#round-description')!, { target: { value: '两套房源' } });
    await act(async () => void fireEvent.click(container.querySelector('#create-round')!));
    expect(container.querySelector('#round-categories-error')?.textContent).toBe('请至少选择一类保障对象。');
    expect(backend.inputsOf('allocation', 'createRound')).toEqual([]);

    fireEvent.click(container.querySelector('#category-tekun')!);
    expect(container.querySelector('#round-categories-error')).toBeNull();
    await act(async () => void fireEvent.click(container.querySelector('#create-round')!));
    await waitFor(() => expect(backend.inputsOf('allocation', 'createRound')).toHaveLength(1));
    expect(backend.inputsOf('allocation', 'createRound')[0]).toMatchObject({
      projectId: 'p2',
      eligibleCategories: ['tekun'],
    });
  });
});

describe('people page: the projects of an invitation are several-choice chips', () => {
  const office = officeMe([
    { id: 'p1', name: '惠民家园', units: 1, occupied: 1, vacant: 0, leasesInArrears: 0, arrearsFen: 0 },
    { id: 'p2', name: '和谐新城', units: 1, occupied: 1, vacant: 0, leasesInArrears: 0, arrearsFen: 0 },
  ]);
  it('ticks and unticks projects as checkboxes and sends the ones still chosen', async () => {
    const backend = answerPeoplePage(fakeBackend(), office).on('account', 'createInvitation', (input) =>
      createdInvitation(input, ['和谐新城']),
    );
    const { container } = render(<People />);
    await screen.findByText('新建邀请');
    fireEvent.click(container.querySelector('#invite-role-manager')!);
    const chip = (id: string) => container.querySelector(`#invite-project-${id}`)!;
    expect(chip('p1').getAttribute('role')).toBe('checkbox');
    fireEvent.click(chip('p1'));
    fireEvent.click(chip('p2'));
    fireEvent.click(chip('p1'));
    expect(chip('p1').getAttribute('aria-checked')).toBe('false');
    expect(chip('p2').getAttribute('aria-checked')).toBe('true');
    expect(container.querySelector('.chips-chosen')!.textContent).toBe('已选 1 项：和谐新城');
    fireEvent.click(container.querySelector('#invite-create')!);
    await waitFor(() => expect(backend.inputsOf('account', 'createInvitation')).toHaveLength(1));
    expect(backend.inputsOf('account', 'createInvitation')[0]).toMatchObject({
      role: 'manager',
      projectIds: ['p2'],
    });
  });
});
