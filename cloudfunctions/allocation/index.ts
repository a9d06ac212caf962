import { cloudRuntime } from '../_runtime/cloud-runtime';
import type { CloudMain } from '../_runtime/handler';
import { allocationFunction } from './allocation.function';

/** CloudBase entry point. */
export const main: CloudMain = (event, context) => allocationFunction(cloudRuntime())(event, context);
