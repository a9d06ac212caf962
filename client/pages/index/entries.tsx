import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { FunctionComponent, ReactNode } from 'react';
import {
  Checked,
  Clock,
  Location,
  Message,
  Order,
  Repairman,
  Setting,
  Store,
  ToPay,
  Warning,
} from '@nutui/icons-react-taro';
import type { MeResult } from '@shared/contracts';
import { Button as NutButton } from '../../components/nut';
import { clearSessionToken } from '../../services/session';

interface Entry {
  id: string;
  label: ReactNode;
  url: string;
  icon: FunctionComponent;
}

const go = (url: string) => void Taro.navigateTo({ url });

/**
 * The home page's ways in (issue #19), in the order of the role's daily work: the first is the role's main
 * action (a tenant pays, a worker repairs, the office runs allocation), not the same 配租公告 for everyone.
 * The element ids are the ones the browser tests and the earlier home page used.
 */
export function homeEntries(
  me: MeResult,
  unreadLabel: ReactNode,
  pending: { exitCases: number; leaseContracts: number } = { exitCases: 0, leaseContracts: 0 },
): Entry[] {
  const roles = me.user.roles;
  const has = (r: (typeof roles)[number]) => roles.includes(r);
  const staff = has('manager') || has('admin');
  const reviewer = ['admin', 'community_reviewer', 'street_reviewer', 'housing_reviewer'].some((r) =>
    has(r as (typeof roles)[number]),
  );
  const applicant = !me.tenant && roles.length === 0;
  const list: (Entry | false)[] = [
    // A contract waiting for the household's signature, and an applicant's application, come first.
    pending.leaseContracts > 0 && {
      id: 'go-lease-contract',
      label: '续租与配租合同',
      url: '/pages/lease-contract/index',
      icon: Order,
    },
    applicant && {
      id: 'go-application',
      label: '公租房申请与审核进度',
      url: '/pages/application/index',
      icon: Order,
    },
    !!me.tenant &&
      pending.exitCases > 0 && {
        id: 'go-my-exit',
        label: '退出程序通知',
        url: '/pages/my-exit/index',
        icon: Warning,
      },
    !!me.tenant && { id: 'go-bills', label: '租金缴纳', url: '/pages/bills/index', icon: ToPay },
    !!me.tenant && { id: 'go-repairs', label: '报修与求助', url: '/pages/repairs/index', icon: Repairman },
    has('admin') && { id: 'go-admin', label: '配租管理', url: '/pages/admin/index', icon: Order },
    reviewer && { id: 'go-review-queue', label: '申请审核', url: '/pages/review-queue/index', icon: Checked },
    has('department_reviewer') && {
      id: 'go-department-tasks',
      label: '部门核查任务',
      url: '/pages/department-tasks/index',
      icon: Checked,
    },
    (has('admin') || has('housing_reviewer')) && {
      id: 'go-waitlist',
      label: '轮候名单',
      url: '/pages/waitlist/index',
      icon: Order,
    },
    has('admin') && { id: 'go-renewals', label: '续租审核', url: '/pages/renewals/index', icon: Clock },
    has('admin') && { id: 'go-exit-cases', label: '退出管理', url: '/pages/exit-cases/index', icon: Warning },
    (has('manager') || has('worker')) && {
      id: 'go-repair-board',
      label: has('manager') ? '报修派单' : '我的维修任务',
      url: '/pages/repair-board/index',
      icon: Repairman,
    },
    has('worker') &&
      !has('manager') && {
        id: 'go-hazards',
        label: '隐患整改任务',
        url: '/pages/hazards/index',
        icon: Warning,
      },
    staff && { id: 'go-arrears', label: '欠租管理', url: '/pages/arrears/index', icon: ToPay },
    has('admin') && {
      id: 'go-billing-admin',
      label: '租金与补贴',
      url: '/pages/billing-admin/index',
      icon: ToPay,
    },
    staff && { id: 'go-refunds', label: '微信支付退款', url: '/pages/refunds/index', icon: ToPay },
    has('admin') && {
      id: 'go-bill-differences',
      label: '微信支付对账',
      url: '/pages/bill-differences/index',
      icon: ToPay,
    },
    staff && { id: 'go-patrol-admin', label: '安全巡查', url: '/pages/patrol-admin/index', icon: Checked },
    staff && {
      id: 'go-message-admin',
      label: has('admin') ? '紧急告警与消息送达' : '紧急告警',
      url: '/pages/message-admin/index',
      icon: Warning,
    },
    { id: 'go-inbox', label: unreadLabel, url: '/pages/inbox/index', icon: Message },
    !has('admin') && { id: 'go-rounds', label: '配租公告与选房', url: '/pages/rounds/index', icon: Store },
    {
      id: 'go-review-notices',
      label: '审核结果公示',
      url: '/pages/review-notices/index',
      icon: Message,
    },
    has('admin') && {
      id: 'go-repair-stats',
      label: '报修统计',
      url: '/pages/repair-stats/index',
      icon: Location,
    },
    has('admin') && {
      id: 'go-holiday-calendar',
      label: '节假日安排',
      url: '/pages/holiday-calendar/index',
      icon: Clock,
    },
    has('admin') && {
      id: 'go-district-settings',
      label: '辖区政策设定',
      url: '/pages/district-settings/index',
      icon: Setting,
    },
  ];
  return list.filter((e): e is Entry => !!e);
}

export function HomeEntries({
  me,
  unread,
  exitCases = 0,
  leaseContracts = 0,
}: {
  me: MeResult;
  unread: { unread: number; urgentUnread: number } | null;
  exitCases?: number;
  leaseContracts?: number;
}) {
  const unreadLabel = (
    <>
      消息
      {unread && unread.unread > 0 ? (
        <Text id="unread-count">
          （{unread.unread} 条未读{unread.urgentUnread > 0 ? `，其中 ${unread.urgentUnread} 条紧急` : ''}）
        </Text>
      ) : null}
    </>
  );
  // The volunteer's main action is 开始巡查 in their card above; everyone else's is the first entry.
  const entries = homeEntries(me, unreadLabel, { exitCases, leaseContracts });
  return (
    <View className="card" id="home-entries">
      <View className="entry-grid">
        {entries.map((e, i) => {
          const main = i === 0 && !me.volunteer;
          return (
            <NutButton
              key={e.id}
              id={e.id}
              type={main ? 'primary' : 'default'}
              fill={main ? 'solid' : 'outline'}
              className={main ? 'entry entry-main' : 'entry'}
              onClick={() => go(e.url)}
            >
              <View className="entry-icon" aria-hidden>
                <e.icon />
              </View>
              <Text>{e.label}</Text>
            </NutButton>
          );
        })}
        {ANJU_LOCAL ? (
          <NutButton
            type="default"
            fill="outline"
            className="entry"
            id="switch-persona"
            onClick={() => {
              clearSessionToken();
              void Taro.redirectTo({ url: '/pages/dev-sign-in/index' });
            }}
          >
            <Text>切换身份</Text>
          </NutButton>
        ) : null}
      </View>
    </View>
  );
}

export function VolunteerCard({ volunteer }: { volunteer: NonNullable<MeResult['volunteer']> }) {
  return (
    <View className="card" id="volunteer-card">
      <Text className="card-title">本季度安全巡查</Text>
      <View className="stats">
        <View className="stat">
          <Text className="stat-value" id="volunteer-to-visit">
            {volunteer.unitsToVisit}
          </Text>
          <Text className="muted">待巡查户数</Text>
        </View>
        <View className="stat">
          <Text className="stat-value">{volunteer.specialCareDue}</Text>
          <Text className="muted">本周待关爱</Text>
        </View>
      </View>
      <NutButton type="primary" block id="go-patrol" onClick={() => go('/pages/patrol-today/index')}>
        开始巡查
      </NutButton>
    </View>
  );
}
