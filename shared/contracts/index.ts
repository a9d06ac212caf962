import type { z } from 'zod';
import { accountContract } from './account.contract';
import { allocationContract } from './allocation.contract';
import { billingContract } from './billing.contract';
import { repairContract } from './repair.contract';
import { patrolContract } from './patrol.contract';
import { messageContract } from './message.contract';
import type { ActionContract } from './common';

export * from './common';
export * from './account.contract';
export * from './people.contract';
export * from './contact.contract';
export * from './district-settings.contract';
export * from './allocation.contract';
export * from './application.contract';
export * from './exit-case.contract';
export * from './billing.contract';
export * from './repair.contract';
export * from './patrol.contract';
export * from './message.contract';

/** Every cloud function and its actions. A few functions with several actions each keep cold starts few. */
export const CONTRACTS = {
  account: accountContract,
  allocation: allocationContract,
  billing: billingContract,
  repair: repairContract,
  patrol: patrolContract,
  message: messageContract,
} satisfies Record<string, Record<string, ActionContract>>;

export type FunctionName = keyof typeof CONTRACTS;
export type ActionName<F extends FunctionName> = keyof (typeof CONTRACTS)[F] & string;
type ActionOf<F extends FunctionName, A extends ActionName<F>> =
  (typeof CONTRACTS)[F][A] extends ActionContract<infer I, infer O>
    ? { input: z.input<I>; output: z.output<O> }
    : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['input'];
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['output'];

export const FUNCTION_NAMES = Object.keys(CONTRACTS) as FunctionName[];
