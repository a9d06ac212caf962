import tcb from '@cloudbase/node-sdk';
import type { DatabasePort } from './database.port';

/** Production: the CloudBase database itself, unwrapped. */
export function openCloudbaseDatabase(env: string): DatabasePort {
  return tcb.init({ env }).database();
}
