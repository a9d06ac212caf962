import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Dial } from '@shared/contracts';
import { DialButton } from '../../client/components/dial-button';
import { HowToVerify } from '../../client/components/how-to-verify';
import { PhotoPicker } from '../../client/components/photo-picker';
import { PrivacyNotice } from '../../client/components/privacy-notice';
import Mine from '../../client/pages/mine/index';
import Repairs from '../../client/pages/repairs/index';
import { fakeBackend } from './fake-backend';
import { calls, navigations, resetTaro, toasts } from './mocks/taro';

/**
 * Issue #19, the last part: the hand-made buttons (`className="btn"`/`"btn-plain"`, a View with role button)
 * are the library's Button, and each keeps what it did: its id, its words, where it goes, its switch state.
 */
const CLIENT = path.resolve(__dirname, '../../client');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(tsx?|css)$/.test(name) ? [file] : [];
  });
}

beforeEach(() => resetTaro());

describe('no hand-made button is left in the client', () => {
  const files = sources(CLIENT).map((f) => ({ f: path.relative(CLIENT, f), text: readFileSync(f, 'utf8') }));

  it('nothing uses or styles the old btn / btn-plain classes', () => {
    const found = files.filter(({ text }) => /(["'\s.])btn(-plain)?\b(?![-\w])/.test(text)).map(({ f }) => f);
    expect(found).toEqual([]);
  });

  it("no page or component takes Taro's own Button (buttons come from components/nut.ts)", () => {
    const found = files
      .filter(({ text }) => /import\s*\{[^}]*\bButton\b[^}]*\}\s*from\s*'@tarojs\/components'/.test(text))
      .map(({ f }) => f);
    expect(found).toEqual([]);
  });
});

describe('我的: the 关怀模式 switch and the ways on', () => {
  it('the switch says its state to a screen reader and turns it on and off; 跟随微信 comes back', () => {
    render(<Mine />);
    const sw = () => document.querySelector('#care-switch') as HTMLButtonElement;
    expect(sw().getAttribute('role')).toBe('switch');
    expect(sw().getAttribute('aria-checked')).toBe('false');
    expect(document.querySelector('#care-follow-wechat')).toBeNull();
    act(() => {
      fireEvent.click(sw());
    });
    expect(sw().getAttribute('aria-checked')).toBe('true');
    expect(sw().textContent).toBe('关怀模式：已开启（点按关闭）');
    expect(Taro.getStorageSync('anju.careMode')).toBe('on');
    act(() => {
      fireEvent.click(document.querySelector('#care-follow-wechat')!);
    });
    // Following WeChat is no stored choice: the key is gone, and the switch is off again (WeChat's default size).
    expect(Taro.getStorageSync('anju.careMode')).toBe('');
    expect(sw().getAttribute('aria-checked')).toBe('false');
    expect(screen.getByText('目前跟随微信的字体大小设置。')).toBeTruthy();
  });

  it('我的消息 and 我的信息与隐私 open their pages', () => {
    render(<Mine />);
    fireEvent.click(document.querySelector('#mine-inbox')!);
    fireEvent.click(document.querySelector('#go-my-data')!);
    expect(navigations).toEqual(['/pages/inbox/index', '/pages/my-data/index']);
  });
});

describe('报修与求助: two buttons, two kinds', () => {
  it('我要报修 and 困难求助 open the form for their kind', async () => {
    fakeBackend().on('repair', 'mine', []);
    render(<Repairs />);
    fireEvent.click(await screen.findByText('我要报修'));
    fireEvent.click(screen.getByText('困难求助'));
    expect(navigations).toEqual(['/pages/repair-new/index?kind=repair', '/pages/repair-new/index?kind=help']);
  });
});

describe('the shared cards', () => {
  it('拨打 waits (no tap goes through) until the number is known, then dials it', async () => {
    let answer: (d: Dial) => void = () => undefined;
    render(
      <DialButton id="call-x" title="联系物业服务中心" load={() => new Promise<Dial>((r) => (answer = r))} />,
    );
    const button = () => document.querySelector('#call-x-dial') as HTMLButtonElement;
    expect(button().textContent).toBe('正在查询…');
    expect(button().disabled).toBe(true);
    fireEvent.click(button());
    expect(calls).toEqual([]);
    await act(async () => answer({ phone: '027-88886666', message: '' }));
    await waitFor(() => expect(button().textContent).toBe('拨打'));
    fireEvent.click(button());
    await waitFor(() => expect(calls).toEqual(['027-88886666']));
    expect(toasts).toEqual([]);
  });

  it('如何核验 opens and closes, and says whether it is open', () => {
    render(
      <HowToVerify>
        <span>openssl</span>
      </HowToVerify>,
    );
    const toggle = document.querySelector('#how-to-verify-toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('role')).toBe('button');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('如何核验摇号结果');
    act(() => {
      fireEvent.click(toggle);
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('收起核验方法');
  });

  it('我已阅读并同意 takes no second tap while the consent is being saved', () => {
    const onAgree = jest.fn();
    const { rerender } = render(
      <PrivacyNotice kind="personal" agreed={false} busy={false} onAgree={onAgree} />,
    );
    fireEvent.click(document.querySelector('#agree-personal')!);
    expect(onAgree).toHaveBeenCalledTimes(1);
    rerender(<PrivacyNotice kind="personal" agreed={false} busy onAgree={onAgree} />);
    fireEvent.click(document.querySelector('#agree-personal')!);
    expect(onAgree).toHaveBeenCalledTimes(1);
  });

  it('添加照片 shows how many there are and goes once the last one is added', () => {
    const { rerender } = render(
      <PhotoPicker photos={[]} onChange={() => undefined} max={2} buttonId="add-x" />,
    );
    expect(document.querySelector('#add-x')?.textContent).toBe('添加照片（0/2）');
    const photo = { path: 'a.jpg', preview: 'a.jpg', size: 1 } as never;
    rerender(<PhotoPicker photos={[photo, photo]} onChange={() => undefined} max={2} buttonId="add-x" />);
    expect(document.querySelector('#add-x')).toBeNull();
  });
});
