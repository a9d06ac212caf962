import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import CareRegistry from '../../client/pages/care-registry/index';
import { fakeBackend } from './fake-backend';
import { resetTaro } from './mocks/taro';

/*
 * 特殊关爱名单: the reasons are several-choice chips (ChoiceChips multiple) that write into the reason field,
 * which still takes a reason of one's own; the page still sends one reason text.
 */
const me: MeResult = {
  user: { id: 'u-m', name: '李娜', roles: ['manager'], householdRelation: null },
  tenant: null,
  projects: [
    { id: 'p1', name: '惠民家园', units: 1, occupied: 1, vacant: 0, leasesInArrears: 0, arrearsFen: 0 },
  ],
  volunteer: null,
  admin: null,
};

beforeEach(() => resetTaro());

it('ticks several reasons into the reason field, keeps a typed one, and sends them as one text', async () => {
  const backend = fakeBackend()
    .on('account', 'me', me)
    .on('patrol', 'careList', [])
    .on('patrol', 'careDue', { weekStart: '2026-11-30', weekEnd: '2026-12-06', volunteers: [] })
    .on('patrol', 'careCandidates', [
      {
        householdId: 'h1',
        headName: '王秀英',
        unitLabel: '3栋101',
        ageYears: 78,
        suggestedReason: '孤寡独居',
        inRegistry: false,
      },
    ])
    .on('patrol', 'routes', { routes: [], volunteers: [] })
    .on('patrol', 'careUpsert', () => ({}) as never);
  const { container } = render(<CareRegistry />);
  await screen.findByText('登记关爱对象');
  await act(async () => void fireEvent.click(container.querySelector('#care-search-go')!));
  fireEvent.click(await waitFor(() => container.querySelector('#candidate-h1')!));
  const chip = (i: number) => container.querySelector(`#care-reason-${i}`)!;
  const reasonField = () => container.querySelector('#care-reason') as HTMLInputElement;
  // The suggested reason comes in ticked.
  expect(chip(1).getAttribute('aria-checked')).toBe('true');
  expect(chip(0).getAttribute('aria-checked')).toBe('false');

  fireEvent.change(reasonField(), { target: { value: '孤寡独居；子女在外地' } });
  fireEvent.click(chip(2));
  fireEvent.click(chip(0));
  expect(reasonField().value).toBe('70岁以上患重病；孤寡独居；残障、行动不便；子女在外地');
  expect(container.querySelector('.chips-chosen')!.textContent).toBe(
    '已选 3 项：70岁以上患重病、孤寡独居、残障、行动不便',
  );
  fireEvent.click(chip(1));
  expect(reasonField().value).toBe('70岁以上患重病；残障、行动不便；子女在外地');

  // Nothing ticked and nothing typed: the field says so under itself and nothing is sent.
  fireEvent.click(chip(0));
  fireEvent.click(chip(2));
  fireEvent.change(reasonField(), { target: { value: '' } });
  fireEvent.change(container.querySelector('#care-contact-name')!, { target: { value: '王小明' } });
  fireEvent.change(container.querySelector('#care-contact-phone')!, { target: { value: '13912345678' } });
  await act(async () => void fireEvent.click(container.querySelector('#care-save')!));
  expect(container.querySelector('#care-reason-error')?.textContent).toBe('请填写纳入关爱的原因。');
  expect(backend.inputsOf('patrol', 'careUpsert')).toEqual([]);

  fireEvent.click(chip(1));
  fireEvent.click(chip(2));
  await act(async () => void fireEvent.click(container.querySelector('#care-save')!));
  await waitFor(() => expect(backend.inputsOf('patrol', 'careUpsert')).toHaveLength(1));
  expect(backend.inputsOf('patrol', 'careUpsert')[0]).toMatchObject({
    householdId: 'h1',
    reason: '孤寡独居；残障、行动不便',
  });
});
