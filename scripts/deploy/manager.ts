import type CloudBase from '@cloudbase/manager-node';
import type { AccessService } from '@cloudbase/manager-node/types/access';
import type { DatabaseService } from '@cloudbase/manager-node/types/database';
import type { EnvService } from '@cloudbase/manager-node/types/env';
import type { FunctionService } from '@cloudbase/manager-node/types/function';
import type { PermissionService } from '@cloudbase/manager-node/types/permission';
import type { StorageService } from '@cloudbase/manager-node/types/storage';

/**
 * The part of @cloudbase/manager-node's API the deploy uses, typed from the package itself (so a fake
 * in the tests has to take and return exactly what the real API does). `openManager` returns the real
 * `CloudBase` instance, which satisfies it.
 */
export interface Manager {
  env: Pick<EnvService, 'getEnvInfo'>;
  functions: Pick<
    FunctionService,
    | 'listAllFunctions'
    | 'getFunctionDetail'
    | 'createFunction'
    | 'updateFunctionCode'
    | 'updateFunctionConfig'
    | 'createFunctionTriggers'
    | 'deleteFunctionTrigger'
    | 'invokeFunction'
    | 'waitFunctionActive'
  >;
  database: Pick<
    DatabaseService,
    'listCollections' | 'createCollection' | 'describeCollection' | 'updateCollection'
  >;
  permission: Pick<PermissionService, 'describeResourcePermission' | 'modifyResourcePermission'>;
  storage: Pick<StorageService, 'getStorageAcl' | 'setStorageAcl'>;
  access: Pick<
    AccessService,
    'getDomainList' | 'getAccessList' | 'createAccess' | 'switchPathAuth' | 'switchAuth'
  >;
}

/** The credentials the deploy and `npm run test:cloud` read (a CAM key with CloudBase access). */
export const CREDENTIAL_VARS = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;

export function hasCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  return CREDENTIAL_VARS.every((k) => Boolean(env[k]));
}

/** The real manager for one environment (loaded only when credentials are there). */
export async function openManager(
  envId: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Manager> {
  const mod = (await import('@cloudbase/manager-node')) as unknown as
    typeof CloudBase | { default: typeof CloudBase };
  const Ctor = 'default' in mod ? mod.default : mod;
  const app = new Ctor({
    envId,
    secretId: env.TENCENTCLOUD_SECRETID,
    secretKey: env.TENCENTCLOUD_SECRETKEY,
    token: env.TENCENTCLOUD_SESSIONTOKEN,
  });
  const manager: Manager = app;
  return manager;
}
