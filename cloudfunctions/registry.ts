import type { FunctionName } from '@shared/contracts';
import type { FunctionFactory } from './_runtime/handler';
import { accountFunction } from './account/account.function';
import { allocationFunction } from './allocation/allocation.function';
import { billingFunction } from './billing/billing.function';
import { messageFunction } from './message/message.function';
import { patrolFunction } from './patrol/patrol.function';
import { repairFunction } from './repair/repair.function';

/**
 * Every function's factory, for the local host and the deployment plan (which reads each one's timers and HTTP
 * route); production deploys each `<name>/index.ts` on its own.
 */
export const FUNCTIONS: Record<FunctionName, FunctionFactory> = {
  account: accountFunction,
  allocation: allocationFunction,
  billing: billingFunction,
  repair: repairFunction,
  patrol: patrolFunction,
  message: messageFunction,
};
