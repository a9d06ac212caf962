import { z } from 'zod';
import { action, idSchema } from './common';

/**
 * Contact by telephone (issue #17): staff confirm their work phone with WeChat's `getPhoneNumber`; a tenant
 * calls their repair's worker while the repair is open and their project's service desk. The pages dial the
 * number (Taro.makePhoneCall) and never print it. Actions of the `account` function.
 */

/** A number to dial, or null with the Chinese message the page shows (the button then reads 暂无电话). */
export const dialSchema = z.object({ phone: z.string().nullable(), message: z.string() });
export type Dial = z.infer<typeof dialSchema>;

export const contactActions = {
  /** Staff (office, managers, workers, volunteers) confirm their work phone: WeChat's phone code, stored on their user record. */
  confirmWorkPhone: action(
    z.object({ phoneCode: z.string().trim().min(1).max(128) }).strict(),
    z.object({ phoneMasked: z.string() }),
  ),
  /** The worker assigned to the caller's household's repair, while it is assigned or in progress. */
  workerContact: action(z.object({ repairId: idSchema }).strict(), dialSchema),
  /** The service desk (服务电话) of the project the caller's household rents in. */
  serviceContact: action(z.object({}).strict(), dialSchema.extend({ projectName: z.string() })),
};
