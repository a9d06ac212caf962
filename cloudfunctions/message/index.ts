import { cloudRuntime } from '../_runtime/cloud-runtime';
import type { CloudMain } from '../_runtime/handler';
import { messageFunction } from './message.function';

/** CloudBase entry point. */
export const main: CloudMain = (event, context) => messageFunction(cloudRuntime())(event, context);
