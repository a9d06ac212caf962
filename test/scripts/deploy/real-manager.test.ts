import { openManager, type Manager } from '../../../scripts/deploy/manager';

/**
 * The deploy's Manager is typed from @cloudbase/manager-node; this checks the installed package at run
 * time too: the instance openManager makes (no network until a method is called) has every method the
 * deploy and test:cloud call, on the service the plan calls it on.
 */
const USED: { [S in keyof Manager]: (keyof Manager[S])[] } = {
  env: ['getEnvInfo'],
  functions: [
    'listAllFunctions',
    'getFunctionDetail',
    'createFunction',
    'updateFunctionCode',
    'updateFunctionConfig',
    'createFunctionTriggers',
    'deleteFunctionTrigger',
    'invokeFunction',
    'waitFunctionActive',
  ],
  database: ['listCollections', 'createCollection', 'describeCollection', 'updateCollection'],
  permission: ['describeResourcePermission', 'modifyResourcePermission'],
  storage: ['getStorageAcl', 'setStorageAcl'],
  access: ['getDomainList', 'getAccessList', 'createAccess', 'switchPathAuth', 'switchAuth'],
};

describe('the real management API client', () => {
  it.each(Object.entries(USED))('%s has every method the deploy calls', async (service, methods) => {
    const m = await openManager('anju-test-1a2b', {
      TENCENTCLOUD_SECRETID: 'test-id-not-a-key',
      TENCENTCLOUD_SECRETKEY: 'test-key-not-a-key',
    });
    const s = m[service as keyof Manager] as unknown as Record<string, unknown>;
    expect(methods.filter((name) => typeof s[name as string] !== 'function')).toEqual([]);
  });
});
