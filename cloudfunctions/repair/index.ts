import { cloudRuntime } from '../_runtime/cloud-runtime';
import type { CloudMain } from '../_runtime/handler';
import { repairFunction } from './repair.function';

/** CloudBase entry point. */
export const main: CloudMain = (event, context) => repairFunction(cloudRuntime())(event, context);
