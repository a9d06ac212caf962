import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import Bind from '../../client/pages/bind/index';
import Join from '../../client/pages/join/index';
import People from '../../client/pages/people/index';
import {
  answerPeoplePage,
  createdInvitation,
  consents,
  CONSENT_GIVEN,
  inLocalDemo,
  myData,
} from '../factories/account-page.factory';
import { fakeBackend, Refusal } from './fake-backend';
import { navigations, resetTaro, routerParams } from './mocks/taro';

const typeInto = (container: HTMLElement, id: string, value: string) =>
  fireEvent.input(container.querySelector(`#${id}`)!, { target: { value }, detail: { value } });

beforeEach(() => resetTaro());
inLocalDemo();

describe('bind page', () => {
  it('asks for each notice separately before the form, checks the ID number on the phone, and sends the sandbox phone code', async () => {
    let data = myData({ consents: consents(false, false) });
    const backend = fakeBackend()
      .on('account', 'myData', () => data)
      .on('account', 'consent', (input) => {
        data = { ...data, consents: { ...data.consents, [input.kind]: CONSENT_GIVEN } };
        return data.consents;
      })
      .on(
        'account',
        'bindHousehold',
        () => new Refusal('RULE_VIOLATION', '姓名、身份证号码或微信手机号与登记的信息不一致。'),
      );
    const { container } = render(<Bind />);
    await screen.findByText(PRIVACY_NOTICE.personal.title);
    expect(container.querySelector('#bind-form')).toBeNull();
    fireEvent.click(container.querySelector('#agree-personal')!);
    await waitFor(() => expect(container.querySelector('#agreed-personal')).not.toBeNull());
    expect(container.querySelector('#bind-form')).toBeNull();
    fireEvent.click(container.querySelector('#agree-sensitive')!);
    await waitFor(() => expect(container.querySelector('#bind-form')).not.toBeNull());
    expect(backend.inputsOf('account', 'consent')).toEqual([
      { kind: 'personal', version: PRIVACY_NOTICE.version },
      { kind: 'sensitive', version: PRIVACY_NOTICE.version },
    ]);

    typeInto(container, 'bind-name', '欧阳明');
    typeInto(container, 'bind-id-number', '420106198001010010');
    typeInto(container, 'bind-sandbox-phone', '13900001111');
    fireEvent.click(container.querySelector('#bind-submit')!);
    expect(await screen.findByText('身份证号码格式不正确，请核对后重新输入')).toBeTruthy();
    expect(backend.inputsOf('account', 'bindHousehold')).toEqual([]);

    typeInto(container, 'bind-id-number', '42010619800101004X');
    fireEvent.click(container.querySelector('#bind-submit')!);
    expect(await screen.findByText(/不一致/)).toBeTruthy();
    expect(backend.inputsOf('account', 'bindHousehold')).toEqual([
      { name: '欧阳明', idNumber: '42010619800101004X', phoneCode: 'sandbox:13900001111' },
    ]);
    expect(navigations).toEqual([]);
    expect(backend.unexpected).toEqual([]);
  });
});

describe('join page', () => {
  it('takes the code from the link and grants the invitation', async () => {
    routerParams.code = 'abcdefgh';
    const backend = fakeBackend().on('account', 'acceptInvitation', {
      roles: ['volunteer'],
      role: 'volunteer',
      roleLabel: '安全志愿者',
    });
    const { container } = render(<Join />);
    fireEvent.click(container.querySelector('#join-submit')!);
    // A volunteer first sees the done card (with the patrol-reminder prompt in the mini-program), then goes home.
    await waitFor(() => expect(container.querySelector('#join-home')).not.toBeNull());
    fireEvent.click(container.querySelector('#join-home')!);
    await waitFor(() => expect(navigations).toEqual(['/pages/index/index']));
    expect(backend.inputsOf('account', 'acceptInvitation')).toEqual([{ code: 'ABCDEFGH' }]);
  });
});

describe('people page (the housing office)', () => {
  it('invites a manager into a chosen project, and shows a whole ID number only with a reason', async () => {
    const log: { viewerName: string; headName: string; reason: string; at: string }[] = [];
    const backend = answerPeoplePage(fakeBackend())
      .on('account', 'bindings', [
        {
          userId: 'u1',
          userName: '欧阳明',
          householdId: 'h1',
          headName: '欧阳明',
          idNumberMasked: '420106********004X',
          relation: 'head',
          boundAt: '2026-11-22T02:00:00.000Z',
        },
      ])
      .on('account', 'idAccessLog', () => log)
      .on('account', 'createInvitation', (input) => createdInvitation(input, ['惠民家园']))
      .on('account', 'revealIdNumber', (input) => {
        log.push({
          viewerName: '赵磊',
          headName: '欧阳明',
          reason: input.reason,
          at: '2026-11-22T02:00:00.000Z',
        });
        return { idNumber: '42010619800101004X', loggedAt: '2026-11-22T02:00:00.000Z' };
      });
    const { container } = render(<People />);
    await screen.findByText('新建邀请');
    fireEvent.click(container.querySelector('#invite-role-manager')!);
    fireEvent.click(container.querySelector('#invite-project-p1')!);
    fireEvent.click(container.querySelector('#invite-create')!);
    await waitFor(() => expect(backend.inputsOf('account', 'createInvitation')).toHaveLength(1));
    expect(backend.inputsOf('account', 'createInvitation')[0]).toMatchObject({
      role: 'manager',
      projectIds: ['p1'],
    });

    fireEvent.click(container.querySelector('#reveal-h1')!);
    expect(backend.inputsOf('account', 'revealIdNumber')).toEqual([]);
    typeInto(container, 'reveal-reason', '核对纸质档案');
    fireEvent.click(container.querySelector('#reveal-h1')!);
    expect(await screen.findByText(/42010619800101004X/)).toBeTruthy();
    expect(backend.inputsOf('account', 'revealIdNumber')).toEqual([
      { householdId: 'h1', reason: '核对纸质档案' },
    ]);
    await waitFor(() =>
      expect(container.querySelector('#id-access-log')?.textContent).toContain('核对纸质档案'),
    );
    expect(backend.unexpected).toEqual([]);
  });
});
