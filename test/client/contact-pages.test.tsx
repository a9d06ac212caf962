import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RepairView } from '@shared/contracts';
import Bills from '../../client/pages/bills/index';
import Join from '../../client/pages/join/index';
import MyData from '../../client/pages/my-data/index';
import RepairDetail from '../../client/pages/repair/index';
import { consents, inLocalDemo, me, myData } from '../factories/account-page.factory';
import { repairView } from '../factories/repair-view.factory';
import { fakeBackend } from './fake-backend';
import { calls, navigations, resetTaro, routerParams, toasts } from './mocks/taro';

/** Tenants call their worker and their service desk without the number on screen; staff confirm a work phone (#17). */
const WORKER_PHONE = '+8613912345678';

const tenantMe = me(['tenant'], '欧阳明', { user: { id: 'u-t1' } });
const repair = (status: RepairView['status']) => repairView({ status, workerName: '孙强', events: [] });
const dialButton = (container: HTMLElement, id: string) =>
  container.querySelector(`#${id}-dial`) as HTMLButtonElement;

beforeEach(() => {
  resetTaro();
  routerParams.id = 'r-1';
});

describe('repair page: 联系维修师傅', () => {
  it('while the repair is in progress, 拨打 dials the worker and the number is not shown', async () => {
    const backend = fakeBackend()
      .on('repair', 'detail', repair('in_progress'))
      .on('account', 'me', tenantMe)
      .on('account', 'workerContact', { phone: WORKER_PHONE, message: '' });
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(dialButton(container, 'call-worker')?.textContent).toBe('拨打'));
    expect(container.querySelector('#call-worker')?.textContent).toContain('联系维修师傅');
    expect(container.textContent).not.toContain('13912345678');
    fireEvent.click(dialButton(container, 'call-worker'));
    await waitFor(() => expect(calls).toEqual([WORKER_PHONE]));
    expect(backend.inputsOf('account', 'workerContact')).toEqual([{ repairId: 'r-1' }]);
    expect(backend.unexpected).toEqual([]);
  });

  it('a worker without a work phone: the message, and the button says 暂无电话 and dials nothing', async () => {
    fakeBackend()
      .on('repair', 'detail', repair('assigned'))
      .on('account', 'me', tenantMe)
      .on('account', 'workerContact', {
        phone: null,
        message: '维修师傅尚未登记工作电话，请联系物业服务中心。',
      });
    const { container } = render(<RepairDetail />);
    await waitFor(() => expect(dialButton(container, 'call-worker')?.textContent).toBe('暂无电话'));
    expect(container.querySelector('#call-worker-message')?.textContent).toContain('尚未登记工作电话');
    fireEvent.click(dialButton(container, 'call-worker'));
    expect(calls).toEqual([]);
    expect(toasts).toEqual(['维修师傅尚未登记工作电话，请联系物业服务中心。']);
  });

  it('a finished repair has no call button and asks for no number', async () => {
    const backend = fakeBackend().on('repair', 'detail', repair('done')).on('account', 'me', tenantMe);
    const { container } = render(<RepairDetail />);
    await screen.findByText('卫生间漏水');
    expect(container.querySelector('#call-worker')).toBeNull();
    expect(backend.inputsOf('account', 'workerContact')).toEqual([]);
  });
});

describe('bills page: 联系物业服务中心', () => {
  it('dials the project service phone with 拨打', async () => {
    fakeBackend()
      .on('billing', 'myBills', [])
      .on('account', 'serviceContact', { projectName: '惠民家园', phone: '027-88886666', message: '' });
    const { container } = render(<Bills />);
    await waitFor(() => expect(dialButton(container, 'call-service')?.textContent).toBe('拨打'));
    expect(container.textContent).not.toContain('88886666');
    fireEvent.click(dialButton(container, 'call-service'));
    await waitFor(() => expect(calls).toEqual(['027-88886666']));
  });

  it('no service phone: 暂无电话 with the message', async () => {
    fakeBackend().on('billing', 'myBills', []).on('account', 'serviceContact', {
      projectName: '惠民家园',
      phone: null,
      message: '物业服务中心尚未登记服务电话，请到物业服务中心或住房保障窗口咨询。',
    });
    const { container } = render(<Bills />);
    await waitFor(() => expect(dialButton(container, 'call-service')?.textContent).toBe('暂无电话'));
    expect(container.querySelector('#call-service-message')?.textContent).toContain('尚未登记服务电话');
    fireEvent.click(dialButton(container, 'call-service'));
    expect(calls).toEqual([]);
  });
});

describe('my data: a worker confirms a work phone', () => {
  const worker = myData({
    name: '孙强',
    roles: ['worker'],
    projectNames: ['惠民家园'],
    consents: consents(false, false),
  });
  inLocalDemo();

  it('sends the sandbox phone code and shows the masked number after', async () => {
    let data = worker;
    const backend = fakeBackend()
      .on('account', 'myData', () => data)
      .on('account', 'confirmWorkPhone', () => {
        data = { ...data, phoneMasked: '139****5678' };
        return { phoneMasked: '139****5678' };
      });
    const { container } = render(<MyData />);
    await screen.findByText('工作电话');
    const input = container.querySelector('#work-phone-sandbox')!;
    fireEvent.input(input, { target: { value: '13912345678' }, detail: { value: '13912345678' } });
    fireEvent.click(container.querySelector('#work-phone-confirm')!);
    await waitFor(() =>
      expect(backend.inputsOf('account', 'confirmWorkPhone')).toEqual([{ phoneCode: 'sandbox:13912345678' }]),
    );
    await waitFor(() =>
      expect(container.querySelector('#work-phone')?.textContent).toContain('已确认：139****5678'),
    );
  });

  it('a tenant without a staff role sees no work-phone card', async () => {
    fakeBackend().on('account', 'myData', { ...worker, roles: ['tenant'] });
    const { container } = render(<MyData />);
    await screen.findByText('本人信息');
    expect(container.querySelector('#work-phone')).toBeNull();
  });
});

describe('join page: the patrol-reminder prompt after a volunteer invitation (#18)', () => {
  const env = process.env.TARO_ENV;
  beforeEach(() => void (process.env.TARO_ENV = 'weapp'));
  afterEach(() => void (process.env.TARO_ENV = env));

  it('a volunteer sees the 接收微信通知 card for volunteer_routes before going home', async () => {
    routerParams.code = 'ABCDEFGH';
    const backend = fakeBackend()
      .on('account', 'acceptInvitation', { roles: ['volunteer'], role: 'volunteer', roleLabel: '安全志愿者' })
      .on('message', 'subscribeTemplates', {
        templates: [{ kind: 'patrol_task', templateId: 'tmpl-route' }],
      });
    const { container } = render(<Join />);
    fireEvent.click(container.querySelector('#join-submit')!);
    await waitFor(() => expect(container.querySelector('#subscribe-volunteer_routes')).not.toBeNull());
    expect(backend.inputsOf('message', 'subscribeTemplates')).toEqual([{ moment: 'volunteer_routes' }]);
    expect(navigations).toEqual([]);
    fireEvent.click(container.querySelector('#join-home')!);
    await waitFor(() => expect(navigations).toEqual(['/pages/index/index']));
  });

  it('another role goes straight home, with no prompt', async () => {
    routerParams.code = 'ABCDEFGH';
    const backend = fakeBackend().on('account', 'acceptInvitation', {
      roles: ['manager'],
      role: 'manager',
      roleLabel: '物业管家',
    });
    const { container } = render(<Join />);
    fireEvent.click(container.querySelector('#join-submit')!);
    await waitFor(() => expect(navigations).toEqual(['/pages/index/index']));
    expect(container.querySelector('#subscribe-volunteer_routes')).toBeNull();
    expect(backend.inputsOf('message', 'subscribeTemplates')).toEqual([]);
  });
});
