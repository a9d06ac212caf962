import { cloudRuntime } from '../_runtime/cloud-runtime';
import type { CloudMain } from '../_runtime/handler';
import { accountFunction } from './account.function';

/** CloudBase entry point. */
export const main: CloudMain = (event, context) => accountFunction(cloudRuntime())(event, context);
