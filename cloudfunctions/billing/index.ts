import { cloudRuntime } from '../_runtime/cloud-runtime';
import type { CloudMain } from '../_runtime/handler';
import { billingFunction } from './billing.function';

/** CloudBase entry point. */
export const main: CloudMain = (event, context) => billingFunction(cloudRuntime())(event, context);
