import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Suspense, useCallback, useState } from 'react';
import { ROLE_LABELS, type MeResult, type MyApplication } from '@shared/contracts';
import { REVIEW_STATE_LABELS, type ReviewState } from '@shared/rules/review.rule';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { CallError, callFunction } from '../../services/call';
import { clearSessionToken, getSessionToken } from '../../services/session';
import { formatDate, formatFen } from '../../utils/format';
import { notice } from '../../utils/ui';
import { PROVISIONAL_LABEL } from '@shared/rules/working-days.rule';
import { PeopleCard } from '../../components/people-card';
import { homeForRole, storedRole, storeRole } from '../../utils/role-view';
import type { Role } from '@shared/contracts';
import { Screen } from '../../components/screen';
import { storeTabRole } from '../../utils/tabs';
import { HomeEntries, VolunteerCard } from './entries';
import { Button as NutButton } from '../../components/nut';
import { ReReviewForm } from './load-re-review-form';

function TenantCard({ tenant }: { tenant: NonNullable<MeResult['tenant']> }) {
  const { household, lease } = tenant;
  return (
    <>
      <View className="card" id="tenant-household">
        <Text className="card-title">我的家庭</Text>
        <View className="row">
          <Text className="label">户主</Text>
          <Text className="value">{household.headName}</Text>
        </View>
        <View className="row">
          <Text className="label">家庭人口</Text>
          <Text className="value">{household.size} 人</Text>
        </View>
        <View className="row">
          <Text className="label">保障类别</Text>
          <Text className="value">{household.categoryLabel}</Text>
        </View>
        <View className="row">
          <Text className="label">状态</Text>
          <Text className="value">{household.statusLabel}</Text>
        </View>
      </View>
      {lease ? (
        <View className="card" id="tenant-lease">
          <Text className="card-title">我的住房</Text>
          <View className="row">
            <Text className="label">房源</Text>
            <Text className="value" id="tenant-unit">
              {lease.projectName} {lease.unitLabel}
            </Text>
          </View>
          <View className="row">
            <Text className="label">面积</Text>
            <Text className="value">{lease.areaM2.toFixed(2)} ㎡</Text>
          </View>
          <View className="row">
            <Text className="label">月租金</Text>
            <Text className="value">{formatFen(lease.monthlyRentFen)}</Text>
          </View>
          <NutButton
            type="primary"
            fill="outline"
            className="action-button"
            block
            id="apply-renewal"
            onClick={() =>
              void callFunction('allocation', 'applyRenewal', { leaseId: lease.id }).then(
                (r) =>
                  void notice(
                    '续租申请已提交',
                    `租期至 ${r.endDate}，申请已于期限 ${r.dueBy} 前受理（依据：${r.clause}）。`,
                  ),
                (err: unknown) =>
                  void notice('暂不能申请续租', err instanceof CallError ? err.message : '请稍后重试。'),
              )
            }
          >
            申请续租
          </NutButton>
          <View className="row">
            <Text className="label">租期</Text>
            <Text className="value">
              {formatDate(lease.startDate)} 至 {formatDate(lease.endDate)}
            </Text>
          </View>
        </View>
      ) : (
        <View className="card">
          <Empty text="暂无在租房源。配租完成并签约后，这里会显示您的住房信息。" />
        </View>
      )}
      <View className="card" id="tenant-balance">
        <Text className="card-title">待缴租金</Text>
        <Text className={tenant.balanceDueFen > 0 ? 'amount-due' : 'amount-ok'} id="balance-due">
          {formatFen(tenant.balanceDueFen)}
        </Text>
        <Text className="muted" style={{ display: 'block' }}>
          {tenant.unpaidBills > 0 ? `共 ${tenant.unpaidBills} 笔未缴账单` : '没有未缴账单'}
        </Text>
      </View>
    </>
  );
}

/**
 * 复核 (乌兰察布 第十三条第二款): after a refusal the applicant may ask for a re-review, answered in writing
 * within 15 working days; the date is shown with 暂按工作日计算 while the office has not entered a year it
 * crosses.
 */
function ReReview({
  application,
  onChange,
}: {
  application: NonNullable<MyApplication>;
  onChange: (a: MyApplication) => void;
}) {
  const { reReview } = application;
  if (reReview)
    return (
      <View id="re-review">
        <Text className="section-title">复核：{reReview.statusLabel}</Text>
        <View className="row">
          <Text className="label">答复期限</Text>
          <Text className="value">
            <Text id="re-review-due">{formatDate(reReview.dueOn)}</Text>
            {reReview.provisional ? (
              <Text className="tag tag-warn provisional" id="re-review-provisional">
                {PROVISIONAL_LABEL}
              </Text>
            ) : null}
          </Text>
        </View>
        <Text className="muted">
          住房保障部门将在 {reReview.workingDays} 个工作日内书面告知复核结果（{reReview.clause}）。
        </Text>
      </View>
    );
  if (!application.canRequestReReview) return null;
  // The form types text (NutUI's Input): in the browser it loads when shown (load-re-review-form.h5.ts).
  return (
    <Suspense fallback={null}>
      <ReReviewForm onChange={onChange} />
    </Suspense>
  );
}

function ProjectsCard({ projects }: { projects: MeResult['projects'] }) {
  if (projects.length === 0) {
    return (
      <View className="card">
        <Empty text="您还没有负责的项目。" />
      </View>
    );
  }
  return (
    <>
      {projects.map((p) => (
        <View className="card project-card" key={p.id} id={`project-${p.id}`}>
          <Text className="card-title">{p.name}</Text>
          <View className="stats">
            <View className="stat">
              <Text className="stat-value">{p.units}</Text>
              <Text className="muted">房源总数</Text>
            </View>
            <View className="stat">
              <Text className="stat-value">{p.occupied}</Text>
              <Text className="muted">已出租</Text>
            </View>
            <View className="stat">
              <Text className="stat-value">{p.vacant}</Text>
              <Text className="muted">空置</Text>
            </View>
            <View className="stat">
              <Text className={p.leasesInArrears > 0 ? 'stat-value warn' : 'stat-value'}>
                {p.leasesInArrears}
              </Text>
              <Text className="muted">欠租户数</Text>
            </View>
          </View>
          <View className="row">
            <Text className="label">欠缴金额</Text>
            <Text className="value">{formatFen(p.arrearsFen)}</Text>
          </View>
        </View>
      ))}
    </>
  );
}

export default function Index() {
  const [loaded, setMe] = useState<MeResult | null>(null);
  const [role, setRole] = useState(storedRole);
  const [application, setApplication] = useState<MyApplication>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [unread, setUnread] = useState<{ unread: number; urgentUnread: number } | null>(null);
  const [exitCases, setExitCases] = useState(0);
  const [leaseContracts, setLeaseContracts] = useState(0);

  const load = useCallback(async () => {
    if (ANJU_LOCAL && !getSessionToken()) {
      void Taro.redirectTo({ url: '/pages/dev-sign-in/index' });
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const result = await callFunction('account', 'me', {});
      setMe(result);
      // The unread count is a hint: the page works without it.
      void callFunction('message', 'unreadCount', {}).then(setUnread, () => setUnread(null));
      // A tenant's exit cases (a hint: the button shows only when there is one).
      if (result.user.roles.includes('tenant'))
        void callFunction('allocation', 'myExitCases', {}).then(
          (list) => setExitCases(list.length),
          () => setExitCases(0),
        );
      // Renewal and vacancy-offer contracts to sign (an accepted offer's household is not a tenant yet).
      void callFunction('allocation', 'myLeaseContracts', {}).then(
        (list) => setLeaseContracts(list.length),
        () => setLeaseContracts(0),
      );
      if (!result.user.roles.includes('tenant'))
        setApplication(await callFunction('account', 'myApplication', {}));
    } catch (err) {
      if (ANJU_LOCAL && err instanceof CallError && err.code === 'UNAUTHENTICATED') {
        clearSessionToken();
        void Taro.redirectTo({ url: '/pages/dev-sign-in/index' });
        return;
      }
      setError(err instanceof CallError ? err.message : '加载失败，请重试。');
    } finally {
      setLoading(false);
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  if (loading && !loaded) return <Loading />;
  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!loaded) return <Loading />;

  // Each role has its own home (the role switcher in PeopleCard).
  const me = homeForRole(loaded, role);
  const { user } = me;
  storeTabRole(me);
  const chooseRole = (r: Role | null) => {
    storeRole(r);
    setRole(r);
  };
  return (
    <Screen id="home" title="安居" tab="home">
      <PeopleCard me={loaded} role={role} onRole={chooseRole} part="top" />
      {me.admin?.settingsToSet?.length ? (
        <View className="card" id="settings-to-set">
          <Text className="notice-warn">
            以下数值仍是示例值，月度账单、租金测算和租赁补贴发放暂停，直到设定本辖区的数值：
            {me.admin.settingsToSet.join('、')}。
          </Text>
          <NutButton
            type="primary"
            className="action-button"
            block
            id="enter-settings"
            onClick={() => void Taro.navigateTo({ url: '/pages/district-settings/index' })}
          >
            设定辖区政策数值
          </NutButton>
        </View>
      ) : null}
      {me.admin?.calendarMissingYear ? (
        <View className="card" id="calendar-missing">
          <Text className="notice-warn">
            {me.admin.calendarMissingYear} 年法定节假日安排尚未录入，涉及该年的工作日期限{PROVISIONAL_LABEL}
            。请对照国务院办公厅通知录入。
          </Text>
          <NutButton
            type="primary"
            className="action-button"
            block
            id="enter-calendar"
            onClick={() =>
              void Taro.navigateTo({
                url: `/pages/holiday-calendar/index?year=${me.admin?.calendarMissingYear ?? ''}`,
              })
            }
          >
            录入 {me.admin.calendarMissingYear} 年节假日安排
          </NutButton>
        </View>
      ) : null}

      <View className="card" id="user-card">
        <Text className="page-heading" id="user-name">
          {user.name}，您好
        </Text>
        <View>
          {user.roles.length === 0 ? (
            <Text className="tag">申请人</Text>
          ) : (
            user.roles.map((r) => (
              <Text className="tag role-tag" key={r}>
                {ROLE_LABELS[r]}
              </Text>
            ))
          )}
        </View>
      </View>
      {me.volunteer ? <VolunteerCard volunteer={me.volunteer} /> : null}
      <HomeEntries me={me} unread={unread} exitCases={exitCases} leaseContracts={leaseContracts} />

      {me.tenant ? <TenantCard tenant={me.tenant} /> : null}
      {user.roles.includes('manager') || user.roles.includes('admin') ? (
        <ProjectsCard projects={me.projects} />
      ) : null}

      {me.admin ? (
        <View className="card" id="admin-card">
          <Text className="card-title">申请审核概况</Text>
          {Object.entries(me.admin.applicationsByStatus).map(([status, n]) => (
            <View className="row" key={status}>
              <Text className="label">{REVIEW_STATE_LABELS[status as ReviewState] ?? status}</Text>
              <Text className="value">{n}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {application ? (
        <View className="card" id="application-stages">
          <Text className="card-title">我的保障资格申请：{application.statusLabel}</Text>
          {application.stages.map((st) => (
            <View className="row" key={st.state}>
              <Text className={st.current ? 'value' : 'label'}>
                {st.reachedAt ? '✓ ' : '○ '}
                {st.label}
              </Text>
              <Text className="muted">{st.reachedAt ? st.reachedAt.slice(0, 10) : ''}</Text>
            </View>
          ))}
          <ReReview application={application} onChange={setApplication} />
        </View>
      ) : null}

      {user.roles.length === 0 && !me.tenant && !application ? (
        <View className="card">
          <Empty text="您还没有公租房申请。可在线提交申请，查看审核进度。" />
        </View>
      ) : null}
      <PeopleCard me={loaded} role={role} onRole={chooseRole} part="bottom" />
    </Screen>
  );
}
