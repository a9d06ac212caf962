import { fireEvent, render, screen } from '@testing-library/react';
import type { MeResult } from '@shared/contracts';
import Index from '../../client/pages/index/index';
import { setTransport } from '../../client/services/call';
import { getSessionToken, setSessionToken } from '../../client/services/session';
import { navigations } from './mocks/taro';

const g = globalThis as Record<string, unknown>;

const base: MeResult = {
  user: { id: 'u', name: '测试用户', roles: [] },
  tenant: null,
  projects: [],
  volunteer: null,
  admin: null,
};

function answerMe(me: MeResult): jest.Mock {
  // account.me answers with `me`; account.myApplication (asked for non-tenants) with no application.
  const transport = jest.fn(async (_fn: string, event: Record<string, unknown>) =>
    event.action === 'myApplication' ? { ok: true as const, data: null } : { ok: true as const, data: me },
  );
  setTransport(transport);
  return transport;
}

afterEach(() => {
  g.ANJU_LOCAL = false;
  navigations.length = 0;
  setSessionToken('');
});

describe('home page per role', () => {
  it('a manager sees a summary card per project with arrears in yuan', async () => {
    answerMe({
      ...base,
      user: { id: 'm', name: '张敏', roles: ['manager'] },
      projects: [
        {
          id: 'p1',
          name: '惠民家园',
          units: 120,
          occupied: 111,
          vacant: 9,
          leasesInArrears: 4,
          arrearsFen: 1234567,
        },
        { id: 'p2', name: '安居苑', units: 80, occupied: 80, vacant: 0, leasesInArrears: 0, arrearsFen: 0 },
      ],
    });
    const { container } = render(<Index />);
    expect(await screen.findByText('惠民家园')).toBeTruthy();
    const card = container.querySelector('#project-p1')!;
    expect(card.textContent).toContain('120房源总数');
    expect(card.textContent).toContain('111已出租');
    expect(card.textContent).toContain('9空置');
    expect(card.textContent).toContain('4欠租户数');
    expect(card.textContent).toContain('¥12,345.67');
    expect(container.querySelector('#project-p2')!.textContent).toContain('¥0.00');
    expect(screen.getByText('物业管家')).toBeTruthy();
    expect(container.querySelector('#tenant-household')).toBeNull();
  });

  it('a manager without projects sees an empty state', async () => {
    answerMe({ ...base, user: { id: 'm', name: '张敏', roles: ['manager'] } });
    render(<Index />);
    expect(await screen.findByText('您还没有负责的项目。')).toBeTruthy();
  });

  it('a volunteer sees this quarter’s visits', async () => {
    answerMe({
      ...base,
      user: { id: 'v', name: '李志愿', roles: ['tenant', 'volunteer'] },
      volunteer: { unitsToVisit: 37, specialCareDue: 5 },
    });
    const { container } = render(<Index />);
    await screen.findByText('本季度安全巡查');
    const card = container.querySelector('#volunteer-card')!;
    expect(card.textContent).toContain('37待巡查户数');
    expect(card.textContent).toContain('5本周待关爱');
    expect(screen.getByText('租户')).toBeTruthy();
    expect(screen.getByText('安全志愿者')).toBeTruthy();
    expect(screen.queryByText('安全巡查')).toBeNull(); // the managers' entry
    fireEvent.click(screen.getByText('开始巡查'));
    expect(navigations).toEqual(['/pages/patrol-today/index']);
  });

  it('an admin sees applications by status with Chinese labels, and the allocation entry', async () => {
    answerMe({
      ...base,
      user: { id: 'a', name: '赵磊', roles: ['admin'] },
      admin: {
        applicationsByStatus: { submitted: 3, second_review: 2, approved: 40 },
        calendarMissingYear: null,
      },
    });
    const { container } = render(<Index />);
    await screen.findByText('申请审核概况');
    const rows = Array.from(container.querySelectorAll('#admin-card .row')).map((r) => r.textContent);
    expect(rows).toEqual(['已提交3', '街道复审中2', '已确定为保障对象40']);
    fireEvent.click(screen.getByText('配租管理'));
    expect(navigations).toEqual(['/pages/admin/index']);
  });

  it('someone without a role, lease or application is offered to apply online', async () => {
    answerMe({ ...base, user: { id: 'x', name: '陈申请', roles: [] } });
    render(<Index />);
    expect(await screen.findByText(/您还没有公租房申请/)).toBeTruthy();
    expect(screen.getByText('公租房申请与审核进度')).toBeTruthy();
    expect(screen.getByText('申请人')).toBeTruthy();
  });
});

describe('home page in a local browser build (ANJU_LOCAL)', () => {
  it('without a session goes to the development sign-in and calls nothing', async () => {
    g.ANJU_LOCAL = true;
    const transport = answerMe(base);
    render(<Index />);
    await screen.findByText('加载中…');
    expect(navigations).toEqual(['/pages/dev-sign-in/index']);
    expect(transport).not.toHaveBeenCalled();
  });

  it('offers 切换身份, which forgets the session', async () => {
    g.ANJU_LOCAL = true;
    setSessionToken('tok');
    answerMe({ ...base, user: { id: 'a', name: '赵磊', roles: ['admin'] } });
    render(<Index />);
    fireEvent.click(await screen.findByText('切换身份'));
    expect(getSessionToken()).toBe('');
    expect(navigations).toEqual(['/pages/dev-sign-in/index']);
  });

  it('a mini-program build shows no 切换身份', async () => {
    answerMe({ ...base, user: { id: 'a', name: '赵磊', roles: ['admin'] } });
    render(<Index />);
    await screen.findByText('赵磊，您好');
    expect(screen.queryByText('切换身份')).toBeNull();
  });
});
