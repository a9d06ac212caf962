import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MeResult } from '@shared/contracts';
import { Countdown, countdownText } from '../../client/components/countdown';
import { isCareMode, setCareChoice, systemWantsLargeType } from '../../client/utils/care-mode';
import { periodLabel, personName } from '../../client/utils/period';
import { pickTabRole, storeTabRole, tabRole, tabsFor } from '../../client/utils/tabs';
import { homeEntries } from '../../client/pages/index/entries';
import Mine from '../../client/pages/mine/index';
import { resetTaro } from './mocks/taro';

const taro = Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting?: number } };

/** Issue #19: plain periods and names, the countdown, the role's tabs and 关怀模式. */
describe('ui: plain words, tabs, 关怀模式', () => {
  beforeEach(() => {
    resetTaro();
    delete taro.getAppBaseInfo;
  });

  it('writes periods as people read them', () => {
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
    expect(periodLabel('2026-Q1')).toBe('2026年第一季度');
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('第一期')).toBe('第一期');
  });

  it('never shows an account id or system as a person', () => {
    expect(personName('u-admin')).toBe('工作人员');
    expect(personName('system')).toBe('系统自动');
    expect(personName('')).toBe('工作人员');
    expect(personName('王师傅')).toBe('王师傅');
  });

  it('counts down to the end of a window', () => {
    const end = '2026-12-01T01:00:00.000Z';
    const t = new Date(end).getTime();
    expect(countdownText(end, t - 725_000)).toBe('剩余 12分05秒');
    expect(countdownText(end, t - 2 * 3_600_000 - 60_000)).toBe('剩余 2小时01分');
    expect(countdownText(end, t)).toBe('时段已结束');
  });

  it('counts on the server’s clock: a phone set a week late still shows the window’s time left', () => {
    const end = '2026-11-22T11:00:00.000Z';
    // The phone reads 2026-11-30; the server answered at 10:48:00 on 11-22, twelve minutes before the end.
    const phone = jest.spyOn(Date, 'now').mockReturnValue(new Date('2026-11-30T09:00:00Z').getTime());
    try {
      render(<Countdown until={end} serverNow="2026-11-22T10:48:00.000Z" />);
      expect(screen.getByText('剩余 12分00秒')).toBeTruthy();
    } finally {
      phone.mockRestore();
    }
  });

  it('gives each role its own tabs, 首页 first and 我的 last', () => {
    expect(tabsFor('tenant').map((t) => t.label)).toEqual(['首页', '缴费', '报修', '我的']);
    expect(tabsFor('volunteer').map((t) => t.label)).toEqual(['首页', '巡查', '消息', '我的']);
    expect(tabsFor('worker').map((t) => t.label)).toEqual(['首页', '维修', '隐患', '我的']);
    expect(pickTabRole(['tenant', 'volunteer'])).toBe('volunteer');
    expect(pickTabRole([])).toBe('applicant');
    const me = { user: { id: 'u', name: '林强', roles: ['tenant'] } } as unknown as MeResult;
    storeTabRole(me);
    expect(tabRole()).toBe('tenant');
  });

  it("puts the role's main action first on the home page", () => {
    const tenant = {
      user: { id: 'u', name: '林强', roles: ['tenant'] },
      tenant: {},
      volunteer: null,
      admin: null,
      projects: [],
    } as unknown as MeResult;
    expect(homeEntries(tenant, '消息')[0]?.id).toBe('go-bills');
    const worker = {
      ...tenant,
      tenant: null,
      user: { ...tenant.user, roles: ['worker'] },
    } as unknown as MeResult;
    expect(homeEntries(worker, '消息')[0]?.id).toBe('go-repair-board');
    const admin = {
      ...tenant,
      tenant: null,
      user: { ...tenant.user, roles: ['admin'] },
    } as unknown as MeResult;
    expect(homeEntries(admin, '消息')[0]?.id).toBe('go-admin');
  });

  it("follows WeChat's font size until the person chooses, and keeps the choice", () => {
    expect(isCareMode()).toBe(false);
    taro.getAppBaseInfo = () => ({ fontSizeSetting: 17 });
    expect(systemWantsLargeType()).toBe(false);
    taro.getAppBaseInfo = () => ({ fontSizeSetting: 22 });
    expect(isCareMode()).toBe(true);
    setCareChoice('off');
    expect(isCareMode()).toBe(false);
    expect(Taro.getStorageSync('anju.careMode')).toBe('off');
    setCareChoice('system');
    expect(isCareMode()).toBe(true);
  });

  it('the switch in 我的 turns large type on for the page and off again', () => {
    render(<Mine />);
    const frame = () => document.querySelector('#mine');
    expect(frame()?.className).not.toContain('anju-care');
    act(() => {
      fireEvent.click(screen.getByText('关怀模式：已关闭（点按开启）'));
    });
    expect(frame()?.className).toContain('anju-care');
    expect(Taro.getStorageSync('anju.careMode')).toBe('on');
    act(() => {
      fireEvent.click(screen.getByText('关怀模式：已开启（点按关闭）'));
    });
    expect(frame()?.className).not.toContain('anju-care');
  });
});
