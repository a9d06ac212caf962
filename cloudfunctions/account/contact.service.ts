import type { Dial } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { found, hasRole, notFound, requireUser } from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import { maskPhone } from '../_runtime/mask';
import type { ContactRepository } from './contact.repository';

/**
 * Contact by telephone (issue #17): staff confirm a work phone with WeChat; tenants call their repair's worker
 * and their project's service desk. The numbers go to the page only to be dialled (Taro.makePhoneCall), and
 * nothing here writes a number to the log or the audit trail.
 */

type Ctx = ServiceContext;

/** Repair states in which a worker has been sent and the tenant may call them. */
const WORKER_REACHABLE = ['assigned', 'in_progress'];

export const NO_WORKER_PHONE = '维修师傅尚未登记工作电话，请联系物业服务中心，或等待师傅与您联系。';
export const NO_SERVICE_PHONE = '物业服务中心尚未登记服务电话，请到物业服务中心或住房保障窗口咨询。';

/**
 * A member of staff confirms the phone WeChat holds for them as their work phone, on their user record (the
 * number tenants reach them on, and urgent SMS goes to). The code is WeChat's single-use `getPhoneNumber`
 * code (`rt.people.phoneFromCode`); the audit entry says that it was confirmed, not the number.
 */
export async function confirmWorkPhone(
  repo: ContactRepository,
  input: In<'account', 'confirmWorkPhone'>,
  ctx: Ctx,
) {
  const me = requireUser(ctx);
  if (!hasRole(ctx, 'admin', 'manager', 'worker', 'volunteer')) notFound();
  const phone = await ctx.rt.people.phoneFromCode(input.phoneCode);
  const at = ctx.rt.now().toISOString();
  await repo.runInTransaction(async (tx) => {
    const user = found(await tx.users.get(me._id));
    if (user.phone === phone) return; // a repeated confirmation changes nothing
    await tx.users.update(me._id, { phone });
    await tx.audit({
      entityType: 'user',
      entityId: me._id,
      action: 'work_phone_confirmed',
      actorUserId: me._id,
      at,
      detail: '工作电话经微信手机号验证',
    });
  });
  return { phoneMasked: maskPhone(phone) };
}

/**
 * The worker's phone for the tenant or family member of the repair's household, while the repair is
 * assigned or in progress; anyone else, and any other state, is refused like a repair that is not there.
 */
export async function workerContact(
  repo: ContactRepository,
  input: In<'account', 'workerContact'>,
  ctx: Ctx,
) {
  const me = requireUser(ctx);
  const repair = found(
    await repo.repairCase(input.repairId),
    (r) => !!me.householdId && r.householdId === me.householdId,
  );
  if (!WORKER_REACHABLE.includes(repair.status) || !repair.workerUserId)
    throw new AppError('NOT_FOUND', '维修师傅的电话只在派单后、维修完成前提供。');
  const phone = await repo.workPhone(repair.workerUserId);
  return phone ? { phone, message: '' } : { phone: null, message: NO_WORKER_PHONE };
}

/** The 服务电话 of the project the caller's household rents in (tenant or family member). */
export async function serviceContact(
  repo: ContactRepository,
  ctx: Ctx,
): Promise<Dial & { projectName: string }> {
  const me = requireUser(ctx);
  if (!me.householdId) notFound('您还没有绑定租住的家庭。');
  const lease = found(await repo.activeLease(me.householdId), () => true, '您的家庭目前没有在租的公租房。');
  const project = found(await repo.project(lease.projectId));
  const phone = project.servicePhone || null;
  return { projectName: project.name, phone, message: phone ? '' : NO_SERVICE_PHONE };
}
