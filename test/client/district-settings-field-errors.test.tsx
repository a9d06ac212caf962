import { render, screen } from '@testing-library/react';
import DistrictSettings from '../../client/pages/district-settings/index';
import { click, type, unsetSettings } from './district-settings.factory';
import { fakeBackend } from './fake-backend';
import { modals, resetTaro } from './mocks/taro';

/*
 * 辖区政策设定 (issue #19): a figure's error stands under its own field, which is marked invalid for a screen
 * reader; an error about several fields (the rent tiers) stands under them and each of them names it; the
 * choices are chips that say which is chosen; nothing is sent while anything is wrong.
 */
describe('district settings: each error under what it is about', () => {
  beforeEach(() => resetTaro());

  it('marks the figure and the tiers the errors are about, and clears the marks once the figures are right', async () => {
    const backend = fakeBackend().on('account', 'districtSettings', unsetSettings());
    const { container } = render(<DistrictSettings />);
    await screen.findByText(/月度账单所依据的以下数值仍是示例值/);
    const field = (id: string) => container.querySelector(`input#${id}`)!;
    expect(field('due-day').getAttribute('aria-invalid')).toBe('false');

    type(container, 'due-day', '31');
    type(container, 'tier-0-percent', '120');
    await click('save-settings');

    expect(field('due-day').getAttribute('aria-invalid')).toBe('true');
    expect(field('due-day').getAttribute('aria-describedby')).toBe('due-day-error');
    expect(container.querySelector('#due-day-error')!.textContent).toContain('28');
    for (const id of ['tier-0-max', 'tier-0-percent', 'tier-1-percent']) {
      expect(field(id).getAttribute('aria-invalid')).toBe('true');
      expect(field(id).getAttribute('aria-describedby')).toBe('rentTiers-error');
    }
    expect(container.querySelector('#rentTiers-error')!.textContent).toContain('第 1 档');
    // A figure nobody got wrong stays unmarked.
    expect(field('reminder-days').getAttribute('aria-invalid')).toBe('false');
    expect(modals).toEqual([]);
    expect(backend.inputsOf('account', 'saveDistrictSettings')).toEqual([]);

    type(container, 'due-day', '10');
    type(container, 'tier-0-percent', '20');
    await click('save-settings');
    expect(container.querySelector('#due-day-error')).toBeNull();
    expect(container.querySelector('#rentTiers-error')).toBeNull();
    expect(field('tier-0-percent').getAttribute('aria-invalid')).toBe('false');
    expect(modals.map((m) => m.title)).toEqual(['保存辖区政策设定']);
  });

  it('the single choices are chips that say which one is chosen', async () => {
    fakeBackend().on('account', 'districtSettings', unsetSettings());
    const { container } = render(<DistrictSettings />);
    await screen.findByText(/月度账单所依据的以下数值仍是示例值/);
    const pressed = (id: string) => container.querySelector(`#${id}`)!.getAttribute('aria-pressed');
    const before = pressed('waiver-leaves');
    await click(before === 'true' ? 'waiver-last' : 'waiver-leaves');
    expect(pressed('waiver-leaves')).toBe(before === 'true' ? 'false' : 'true');
    expect(pressed('waiver-last')).toBe(before === 'true' ? 'true' : 'false');
    // The care registry's conditions are several at once: checkboxes, a tap turns one on or off.
    const checked = (id: string) => container.querySelector(`#${id}`)!.getAttribute('aria-checked');
    const care = checked('care-disabled');
    await click('care-disabled');
    expect(checked('care-disabled')).toBe(care === 'true' ? 'false' : 'true');
    expect(container.querySelector('#care-disabled')!.getAttribute('role')).toBe('checkbox');
  });
});
