import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type MeResult, type Role } from '@shared/contracts';
import { Button as NutButton } from './nut';
import { ChoiceChips } from './choice-chips';
import { pressable } from './keyboard';
import { GoButton } from './go-button';

const go = (url: string) => void Taro.navigateTo({ url });

/**
 * The home page's people card (issue #17): the role switcher for someone with several roles, and the ways
 * in (bind one's household, accept an invitation, first-administrator setup), one's own data, the people
 * and invitations a granting role manages, and a household head's family members.
 */
export function PeopleCard({
  me,
  role,
  onRole,
  part,
}: {
  me: MeResult;
  role: Role | null;
  onRole: (role: Role | null) => void;
  /**
   * `top`: what comes before everything else (the role switcher, and binding for someone not yet in);
   * `bottom`: the rest (invitation code, people, one's own data, setup), below the day's main actions so
   * that a tenant's first buttons are paying and repairs, not settings.
   */
  part: 'top' | 'bottom';
}) {
  const roles = me.user.roles;
  const relation = me.user.householdRelation ?? null;
  const staff = roles.includes('admin') || roles.includes('manager');
  const head = relation === 'head' && roles.includes('tenant');
  const bound = relation !== null || me.tenant !== null;
  const canBind = !bound && !roles.some((r) => r === 'admin' || r === 'manager' || r === 'worker');
  if (part === 'top') {
    if (roles.length <= 1 && !canBind) return null;
    return (
      <View className="card" id="people-card-top">
        {roles.length > 1 ? (
          <View id="role-switcher">
            <ChoiceChips<Role | null>
              label="切换身份"
              options={roles.map((r) => [r, `${ROLE_LABELS[r]}首页`] as const)}
              idOf={(r) => `role-${r}`}
              value={role}
              onChange={(r) => onRole(r === role ? null : r)}
            />
          </View>
        ) : null}
        {/* Volunteers are often tenants themselves (租户安全监督员): they can bind too; office staff do not. */}
        {canBind ? (
          <NutButton type="primary" block id="go-bind" onClick={() => go('/pages/bind/index')}>
            绑定我的家庭（租户、申请人）
          </NutButton>
        ) : null}
      </View>
    );
  }
  return (
    <View className="card" id="people-card">
      {!staff ? (
        <GoButton id="go-join" to="/pages/join/index">
          输入邀请码
        </GoButton>
      ) : null}
      {staff || head ? (
        <GoButton id="go-people" to="/pages/people/index">
          {staff ? '人员与邀请' : '家庭成员（代缴代办）'}
        </GoButton>
      ) : null}
      <GoButton id="go-my-data" to="/pages/my-data/index">
        我的信息与隐私
      </GoButton>
      {roles.length === 0 && !bound ? (
        <Text
          className="link muted"
          id="go-setup"
          // Taro types no `role` on Text/Image; Taro writes it on the element all the same.
          {...{ role: 'link' }}
          {...pressable()}
          onClick={() => go('/pages/setup/index')}
        >
          系统初始化（首位管理员）
        </Text>
      ) : null}
    </View>
  );
}
