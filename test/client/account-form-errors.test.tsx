import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import Bind from '../../client/pages/bind/index';
import Join from '../../client/pages/join/index';
import MyData from '../../client/pages/my-data/index';
import People from '../../client/pages/people/index';
import Setup from '../../client/pages/setup/index';
import { NumberField } from '../../client/components/number-field';
import { answerPeoplePage, inLocalDemo, myData } from '../factories/account-page.factory';
import { fakeBackend } from './fake-backend';
import { resetTaro, toasts } from './mocks/taro';

/*
 * Issue #19: on the account pages (setup, join, bind, people, my-data) each field says in Chinese what is
 * wrong with it right under itself, is marked invalid for a screen reader, and nothing is sent; typing into
 * the field takes its error away. NumberField (辖区政策设定's figures) is NutUI's Input with its unit.
 */
const typeInto = (container: HTMLElement, id: string, value: string) =>
  fireEvent.change(container.querySelector(`#${id}`)!, { target: { value } });

/** The field's error under it, tied to the field (aria-describedby, aria-invalid). */
function expectFieldError(container: HTMLElement, id: string, text: string) {
  const error = container.querySelector(`#${id}-error`);
  expect(error?.textContent).toBe(text);
  const field = container.querySelector(`#${id}`)!;
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(`${id}-error`);
}
function expectNoFieldError(container: HTMLElement, id: string) {
  expect(container.querySelector(`#${id}-error`)).toBeNull();
  expect(container.querySelector(`#${id}`)!.getAttribute('aria-invalid')).toBe('false');
}

beforeEach(() => resetTaro());
inLocalDemo();

describe('setup page', () => {
  it('an empty code is said under the field and sends nothing; the code is hidden as typed', async () => {
    const backend = fakeBackend();
    const { container } = render(<Setup />);
    fireEvent.click(container.querySelector('#setup-submit')!);
    expectFieldError(container, 'setup-code', '请输入初始化口令。');
    expect(container.querySelector('#setup-code-label')?.textContent).toBe('初始化口令（必填）');
    typeInto(container, 'setup-code', 'abc');
    expectNoFieldError(container, 'setup-code');
    expect(backend.calls).toEqual([]);
    expect(toasts).toEqual([]);
  });
});

describe('join page', () => {
  it('a code that is not 8 characters, and a family member’s missing name and ID number, each under its field', async () => {
    const backend = fakeBackend();
    const { container } = render(<Join />);
    typeInto(container, 'join-code', 'ABC');
    fireEvent.click(container.querySelector('#join-as-family')!);
    fireEvent.click(container.querySelector('#join-submit')!);
    expectFieldError(container, 'join-code', '邀请码是 8 位，请核对后输入。');
    expectFieldError(container, 'join-name', '请填写您的姓名。');
    expectFieldError(container, 'join-id-number', '请填写您的身份证号码。');
    typeInto(container, 'join-name', '欧阳丽');
    expectNoFieldError(container, 'join-name');
    expectFieldError(container, 'join-code', '邀请码是 8 位，请核对后输入。');
    expect(backend.inputsOf('account', 'acceptInvitation')).toEqual([]);
  });
});

describe('bind page', () => {
  it('the missing name and the malformed ID number are said under their fields; nothing is sent', async () => {
    const backend = fakeBackend().on('account', 'myData', myData());
    const { container } = render(<Bind />);
    await waitFor(() => expect(container.querySelector('#bind-form')).not.toBeNull());
    typeInto(container, 'bind-id-number', '420106198001010010');
    typeInto(container, 'bind-sandbox-phone', '13900001111');
    fireEvent.click(container.querySelector('#bind-submit')!);
    expectFieldError(container, 'bind-name', '请填写户主姓名');
    expectFieldError(container, 'bind-id-number', '身份证号码格式不正确，请核对后重新输入');
    expect(container.querySelector('#bind-sandbox-phone-label')?.textContent).toBe('微信手机号（本地演示）');
    expect(backend.inputsOf('account', 'bindHousehold')).toEqual([]);
  });
});

describe('my-data page', () => {
  it('a correction with no text is said under the field; the chosen item is a chip that says it is chosen', async () => {
    const backend = fakeBackend().on('account', 'myData', myData());
    const { container } = render(<MyData />);
    await screen.findByText('申请更正');
    fireEvent.click(container.querySelector('#correct-name')!);
    expect(container.querySelector('#correct-name')!.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('#correct-phone')!.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(container.querySelector('#correction-submit')!);
    expectFieldError(container, 'correction-text', '请写明需要更正的内容。');
    expect(container.querySelector('textarea#correction-text')).not.toBeNull();
    expect(backend.inputsOf('account', 'requestCorrection')).toEqual([]);
  });
});

describe('people page', () => {
  it('no role chosen, then no department for a department checker: each said under its own choice', async () => {
    const backend = answerPeoplePage(fakeBackend());
    const { container } = render(<People />);
    await screen.findByText('新建邀请');
    fireEvent.click(container.querySelector('#invite-create')!);
    expect(container.querySelector('#invite-role-error')?.textContent).toBe('请先选择要邀请的角色。');
    fireEvent.click(container.querySelector('#invite-role-department_reviewer')!);
    expect(container.querySelector('#invite-role-error')).toBeNull();
    fireEvent.click(container.querySelector('#invite-create')!);
    expect(container.querySelector('#invite-department-error')?.textContent).toBe('请选择核查部门。');
    expect(container.querySelector('#invite-role-error')).toBeNull();
    expect(backend.inputsOf('account', 'createInvitation')).toEqual([]);
    expect(container.querySelector('#reveal-reason-label')?.textContent).toBe('查看完整身份证号码的原因');
  });
});

describe('NumberField', () => {
  function Harness(props: { error?: string; invalid?: boolean }) {
    const [text, setText] = useState('');
    return (
      <>
        <NumberField
          id="due-day"
          label="每月缴费截止日"
          unit="日"
          value={text}
          onChange={setText}
          {...(props.invalid ? { invalid: true, describedBy: 'dueDay-error' } : {})}
          error={props.error}
        />
        <span id="echo">{text}</span>
      </>
    );
  }
  it('reports the typed figure and reads out its label and unit', () => {
    const { container } = render(<Harness />);
    const input = container.querySelector('input#due-day')!;
    expect(input.getAttribute('aria-label')).toBe('每月缴费截止日（日）');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    typeInto(container, 'due-day', '10');
    expect(container.querySelector('#echo')?.textContent).toBe('10');
    expect(container.querySelector('.number-field-unit')?.textContent).toBe('日');
  });
  it('its own error stands under it; a group’s error elsewhere marks it invalid and is named', () => {
    const own = render(<Harness error="缴费截止日须在 1 至 28 日之间。" />);
    expectFieldError(own.container, 'due-day', '缴费截止日须在 1 至 28 日之间。');
    own.unmount();
    const group = render(<Harness invalid />);
    const input = group.container.querySelector('input#due-day')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('dueDay-error');
    expect(group.container.querySelector('#due-day-error')).toBeNull();
  });
});
