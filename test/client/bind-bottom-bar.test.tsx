import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import Bind from '../../client/pages/bind/index';
import { consents, myData } from '../factories/account-page.factory';
import { fakeBackend } from './fake-backend';
import { resetTaro } from './mocks/taro';

/*
 * 绑定我的家庭: the main action (WeChat's phone button; in the local demo the button that sends the demo
 * number) is in the fixed bottom bar of the screen, while the demo's phone field stays in the form.
 */
const g = globalThis as Record<string, unknown>;
const env = process.env.TARO_ENV;

beforeEach(() => resetTaro());
afterEach(() => {
  g.ANJU_LOCAL = false;
  process.env.TARO_ENV = env;
});

it('local demo: the phone field is in the form, the 验证并绑定 button in the bottom bar sends its number', async () => {
  g.ANJU_LOCAL = true;
  const backend = fakeBackend()
    .on('account', 'myData', myData())
    .on('account', 'bindHousehold', { householdId: 'h1', headName: '欧阳明' } as never);
  const { container } = render(<Bind />);
  await screen.findByText('核验户主信息');
  const bar = container.querySelector('#bottom-bar')!;
  const form = container.querySelector('#bind-form')!;
  expect(bar.querySelector('#bind-submit')?.textContent).toBe('验证并绑定');
  expect(form.querySelector('#bind-submit')).toBeNull();
  expect(form.querySelector('#bind-sandbox-phone')).not.toBeNull();
  expect(bar.querySelector('#bind-sandbox-phone')).toBeNull();

  fireEvent.change(container.querySelector('#bind-name')!, { target: { value: '欧阳明' } });
  fireEvent.change(container.querySelector('#bind-id-number')!, { target: { value: '42010619800101004X' } });
  fireEvent.change(container.querySelector('#bind-sandbox-phone')!, { target: { value: '13900001111' } });
  await act(async () => void fireEvent.click(bar.querySelector('#bind-submit')!));
  await waitFor(() => expect(backend.inputsOf('account', 'bindHousehold')).toHaveLength(1));
  expect(backend.inputsOf('account', 'bindHousehold')[0]).toEqual({
    name: '欧阳明',
    idNumber: '42010619800101004X',
    phoneCode: 'sandbox:13900001111',
  });
});

it("mini-program: WeChat's phone button is in the bottom bar and the form has no demo field", async () => {
  process.env.TARO_ENV = 'weapp';
  fakeBackend().on('account', 'myData', myData());
  const { container } = render(<Bind />);
  await screen.findByText('核验户主信息');
  expect(container.querySelector('#bottom-bar #bind-phone')?.textContent).toBe('微信手机号验证并绑定');
  expect(container.querySelector('#bind-sandbox-phone')).toBeNull();
  expect(container.querySelector('#bind-submit')).toBeNull();
});

it('before both notices are agreed there is no bottom bar', async () => {
  g.ANJU_LOCAL = true;
  fakeBackend().on('account', 'myData', myData({ consents: consents(true, false) }));
  const { container } = render(<Bind />);
  await screen.findByText(PRIVACY_NOTICE.sensitive.title);
  expect(container.querySelector('#bottom-bar')).toBeNull();
  expect(container.querySelector('#bind-submit')).toBeNull();
});
