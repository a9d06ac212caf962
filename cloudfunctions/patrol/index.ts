import { cloudRuntime } from '../_runtime/cloud-runtime';
import type { CloudMain } from '../_runtime/handler';
import { patrolFunction } from './patrol.function';

/** CloudBase entry point. */
export const main: CloudMain = (event, context) => patrolFunction(cloudRuntime())(event, context);
