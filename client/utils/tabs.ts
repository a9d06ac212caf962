import Taro from '@tarojs/taro';
import type { FunctionComponent } from 'react';
import { Checked, Home, Message, Order, Repairman, ToPay, User, Warning } from '@nutui/icons-react-taro';
import type { MeResult, Role } from '@shared/contracts';

/** The tab pages (issue #19). 首页 and 我的 are everyone's; the two in between are the role's daily work. */
export const TAB_PAGES = {
  home: '/pages/index/index',
  bills: '/pages/bills/index',
  repairs: '/pages/repairs/index',
  patrol: '/pages/patrol-today/index',
  inbox: '/pages/inbox/index',
  board: '/pages/repair-board/index',
  hazards: '/pages/hazards/index',
  arrears: '/pages/arrears/index',
  admin: '/pages/admin/index',
  rounds: '/pages/rounds/index',
  review: '/pages/review-queue/index',
  departmentTasks: '/pages/department-tasks/index',
  notices: '/pages/review-notices/index',
  application: '/pages/application/index',
  mine: '/pages/mine/index',
} as const;
export type TabKey = keyof typeof TAB_PAGES;

export type TabRole = Role | 'applicant';
interface Tab {
  key: TabKey;
  label: string;
  icon: FunctionComponent<{ size?: string | number; color?: string }>;
}
const HOME: Tab = { key: 'home', label: '首页', icon: Home };
const MINE: Tab = { key: 'mine', label: '我的', icon: User };
/** The three reviews of 三审三公示: their queue and the notices running. */
const REVIEWER_TABS: Tab[] = [
  { key: 'review', label: '审核', icon: Checked },
  { key: 'notices', label: '公示', icon: Message },
];
const BY_ROLE: Record<TabRole, Tab[]> = {
  tenant: [
    { key: 'bills', label: '缴费', icon: ToPay },
    { key: 'repairs', label: '报修', icon: Repairman },
  ],
  volunteer: [
    { key: 'patrol', label: '巡查', icon: Checked },
    { key: 'inbox', label: '消息', icon: Message },
  ],
  worker: [
    { key: 'board', label: '维修', icon: Repairman },
    { key: 'hazards', label: '隐患', icon: Warning },
  ],
  manager: [
    { key: 'board', label: '派单', icon: Repairman },
    { key: 'arrears', label: '欠租', icon: ToPay },
  ],
  admin: [
    { key: 'admin', label: '配租', icon: Order },
    { key: 'arrears', label: '欠租', icon: ToPay },
  ],
  applicant: [
    { key: 'application', label: '申请', icon: Order },
    { key: 'rounds', label: '选房', icon: Home },
  ],
  community_reviewer: REVIEWER_TABS,
  street_reviewer: REVIEWER_TABS,
  housing_reviewer: REVIEWER_TABS,
  // A department's checker (惠州 链接2(3)): its open tasks, and the messages that announce them.
  department_reviewer: [
    { key: 'departmentTasks', label: '核查', icon: Checked },
    { key: 'inbox', label: '消息', icon: Message },
  ],
};

export function tabsFor(role: TabRole): Tab[] {
  return [HOME, ...BY_ROLE[role], MINE];
}

const KEY = 'anju.tabRole';
/** Which role's tabs show when a person holds several: the office first, then the role with most daily work. */
const ORDER: Role[] = [
  'admin',
  'housing_reviewer',
  'street_reviewer',
  'community_reviewer',
  'department_reviewer',
  'manager',
  'worker',
  'volunteer',
  'tenant',
];

export function pickTabRole(roles: readonly Role[]): TabRole {
  return ORDER.find((r) => roles.includes(r)) ?? 'applicant';
}

/** Kept by the home page whenever it loads the person (and the role they chose to view). */
export function storeTabRole(me: MeResult): void {
  try {
    Taro.setStorageSync(KEY, pickTabRole(me.user.roles));
  } catch {
    // storage unavailable: the tabs fall back to the applicant's
  }
}

export function tabRole(): TabRole {
  try {
    const v = Taro.getStorageSync(KEY) as string;
    return v && (v === 'applicant' || (ORDER as string[]).includes(v)) ? (v as TabRole) : 'applicant';
  } catch {
    return 'applicant';
  }
}
