import Taro from '@tarojs/taro';
import type { MeResult, Role } from '@shared/contracts';

const KEY = 'anju.activeRole';

/** The role a person with several roles last chose (kept on the phone), or null: all of them. */
export function storedRole(): Role | null {
  try {
    return (Taro.getStorageSync(KEY) as Role) || null;
  } catch {
    return null;
  }
}

export function storeRole(role: Role | null): void {
  try {
    if (role) Taro.setStorageSync(KEY, role);
    else Taro.removeStorageSync(KEY);
  } catch {
    // storage unavailable: the choice lasts until the page is left
  }
}

/**
 * The home page of one role (issue #17: a tenant who is also a volunteer switches role, each role has its own
 * home): the user's roles narrowed to `role`, and only that role's cards. With one role, or no choice (or a
 * role no longer held, e.g. revoked), everything the person holds is shown.
 */
export function homeForRole(me: MeResult, role: Role | null): MeResult {
  if (!role || me.user.roles.length < 2 || !me.user.roles.includes(role)) return me;
  return {
    ...me,
    user: { ...me.user, roles: [role] },
    tenant: role === 'tenant' ? me.tenant : null,
    volunteer: role === 'volunteer' ? me.volunteer : null,
    admin: role === 'admin' ? me.admin : null,
    projects: role === 'admin' || role === 'manager' ? me.projects : [],
  };
}
