import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Admin from '../../client/pages/admin/index';
import { fakeBackend } from './fake-backend';
import { resetTaro } from './mocks/taro';

/** The housing office sets a project's 服务电话 on the admin page; a number of neither form never leaves the phone. */
const typeInto = (container: HTMLElement, id: string, value: string) =>
  fireEvent.input(container.querySelector(`#${id}`)!, { target: { value }, detail: { value } });

beforeEach(() => resetTaro());

it('refuses a number without an area code with the rule message, then saves a landline', async () => {
  let phone = '';
  const backend = fakeBackend()
    .on('allocation', 'listProjects', () => [
      { id: 'p1', name: '惠民家园', address: '测试路', servicePhone: phone, units: 0, vacant: 0 },
    ])
    .on('allocation', 'listRounds', [])
    .on('allocation', 'listVacancies', [])
    .on('allocation', 'setServicePhone', (input) => {
      phone = '027-88886666';
      return { id: input.projectId, name: '惠民家园', servicePhone: phone };
    });
  const { container } = render(<Admin />);
  await screen.findByText('服务电话（惠民家园）');

  typeInto(container, 'service-phone-input', '88886666');
  fireEvent.click(container.querySelector('#service-phone-save')!);
  // The rule's message stands under the field it is about (issue #19).
  expect(container.querySelector('#service-phone-input-error')?.textContent).toContain('带区号的固定电话');
  expect(container.querySelector('#service-phone-input')!.getAttribute('aria-invalid')).toBe('true');
  expect(backend.inputsOf('allocation', 'setServicePhone')).toEqual([]);

  typeInto(container, 'service-phone-input', '027 8888 6666');
  fireEvent.click(container.querySelector('#service-phone-save')!);
  await waitFor(() =>
    expect(backend.inputsOf('allocation', 'setServicePhone')).toEqual([
      { projectId: 'p1', servicePhone: '027 8888 6666' },
    ]),
  );
  await waitFor(() =>
    expect((container.querySelector('#service-phone-input') as HTMLInputElement).value).toBe('027-88886666'),
  );
  expect(container.querySelector('#service-phone-message')).toBeNull();
  expect(container.querySelector('#service-phone-input-error')).toBeNull();
  expect(backend.unexpected).toEqual([]);
});
