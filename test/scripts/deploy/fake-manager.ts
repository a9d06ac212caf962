import { generateKeyPairSync } from 'node:crypto';
import type { IApi } from '@cloudbase/manager-node/types/access/types';
import type { IFunctionInfo, ITrigger } from '@cloudbase/manager-node/types/function/types';
import type { CreateIndex, IndexInfo } from '@cloudbase/manager-node/types/interfaces';
import type { IStorageAclRule } from '@cloudbase/manager-node/types/storage';
import type { Manager } from '../../../scripts/deploy/manager';

/** A call the deploy made, with the arguments exactly as the management API would receive them. */
export interface Call {
  method: string;
  args: unknown[];
}

/** Methods that change the environment (everything else only reads). */
export const MUTATING = new Set([
  'createFunction',
  'updateFunctionCode',
  'updateFunctionConfig',
  'createFunctionTriggers',
  'deleteFunctionTrigger',
  'createCollection',
  'updateCollection',
  'modifyResourcePermission',
  'setStorageAcl',
  'createAccess',
  'switchPathAuth',
  'switchAuth',
]);

/**
 * An in-memory CloudBase environment behind the manager-node API (typed by the package's own types), that
 * records every call and answers reads from what earlier calls wrote, as the real environment would.
 */
export class FakeManager implements Manager {
  calls: Call[] = [];
  domain = 'anju-test-1a2b.ap-shanghai.app.tcloudbase.com';
  serviceEnabled = false;
  fns = new Map<string, IFunctionInfo>();
  colls = new Map<string, IndexInfo[]>();
  rules = new Map<string, { Permission: string; SecurityRule?: string }>();
  storageAcl: {
    acl: 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM';
    rule?: IStorageAclRule;
  } = {
    acl: 'ADMINONLY',
  };
  routes: IApi[] = [];

  mutations(): Call[] {
    return this.calls.filter((c) => MUTATING.has(c.method));
  }
  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  env: Manager['env'] = {
    getEnvInfo: async () => {
      this.record('getEnvInfo');
      return { EnvInfo: { EnvId: 'anju-test-1a2b' } as never, RequestId: 'r' };
    },
  };

  functions: Manager['functions'] = {
    listAllFunctions: async (options) => {
      this.record('listAllFunctions', options);
      return [...this.fns.keys()].map((FunctionName) => ({ FunctionName }));
    },
    getFunctionDetail: async (name) => {
      this.record('getFunctionDetail', name);
      const f = this.fns.get(name);
      if (!f)
        throw Object.assign(new Error(`ResourceNotFound.Function ${name}`), { code: 'ResourceNotFound' });
      return structuredClone(f);
    },
    createFunction: async (param) => {
      this.record('createFunction', param);
      const f = param.func;
      if (this.fns.has(f.name)) throw Object.assign(new Error('exists'), { code: 'ResourceInUse.Function' });
      this.fns.set(f.name, {
        FunctionName: f.name,
        Runtime: f.runtime ?? 'Nodejs20.19',
        Handler: f.handler ?? 'index.main',
        MemorySize: f.memorySize ?? 256,
        Timeout: f.timeout ?? 3,
        InstallDependency: f.installDependency ? 'TRUE' : 'FALSE',
        Description: f.description ?? '',
        Environment: {
          Variables: Object.entries(f.envVariables ?? {}).map(([Key, Value]) => ({
            Key,
            Value: String(Value),
          })),
        },
        Triggers: (f.triggers ?? []).map((t): ITrigger => ({
          Name: t.name,
          TriggerName: t.name,
          Type: t.type,
          Config: '',
          TriggerDesc: JSON.stringify({ cron: t.config }),
        })),
      } as IFunctionInfo);
      return { RequestId: 'r' };
    },
    updateFunctionCode: async (param) => {
      this.record('updateFunctionCode', param);
      return { RequestId: 'r' };
    },
    updateFunctionConfig: async (func) => {
      this.record('updateFunctionConfig', func);
      const f = this.fns.get(func.name) as IFunctionInfo;
      if (func.memorySize !== undefined) f.MemorySize = func.memorySize;
      if (func.timeout !== undefined) f.Timeout = func.timeout;
      if (func.installDependency !== undefined)
        f.InstallDependency =
          func.installDependency === true || func.installDependency === 'TRUE' ? 'TRUE' : 'FALSE';
      if (func.description !== undefined) f.Description = func.description;
      if (func.envVariables && Object.keys(func.envVariables).length)
        f.Environment = {
          Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value: String(Value) })),
        };
      return { RequestId: 'r' };
    },
    createFunctionTriggers: async (name, triggers = []) => {
      this.record('createFunctionTriggers', name, triggers);
      const f = this.fns.get(name) as IFunctionInfo;
      for (const t of triggers) {
        if (f.Triggers.some((x) => x.TriggerName === t.name)) throw new Error(`trigger ${t.name} exists`);
        f.Triggers.push({
          Name: t.name,
          TriggerName: t.name,
          Type: t.type,
          Config: '',
          TriggerDesc: JSON.stringify({ cron: t.config }),
        });
      }
      return { RequestId: 'r' };
    },
    deleteFunctionTrigger: async (name, triggerName) => {
      this.record('deleteFunctionTrigger', name, triggerName);
      const f = this.fns.get(name) as IFunctionInfo;
      f.Triggers = f.Triggers.filter((t) => t.TriggerName !== triggerName);
      return { RequestId: 'r' };
    },
    waitFunctionActive: async (name) => {
      this.record('waitFunctionActive', name);
    },
    invokeFunction: async (name, params) => {
      this.record('invokeFunction', name, params);
      return {
        RequestId: 'r',
        Log: '',
        RetMsg: JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED' } }),
        ErrMsg: '',
        MemUsage: 0,
        Duration: 1,
        BillDuration: 1,
        FunctionRequestId: 'f',
        InvokeResult: 0,
      };
    },
  };

  database: Manager['database'] = {
    listCollections: async (options) => {
      this.record('listCollections', options);
      const all = [...this.colls.keys()];
      const offset = options?.MgoOffset ?? 0;
      const limit = options?.MgoLimit ?? 100;
      return {
        RequestId: 'r',
        Collections: all.slice(offset, offset + limit).map((CollectionName) => ({
          TableName: CollectionName,
          CollectionName,
          Count: 0,
          Size: 0,
          IndexCount: 0,
          IndexSize: 0,
        })),
        Pager: { Offset: offset, Limit: limit, Total: all.length },
      };
    },
    createCollection: async (name) => {
      this.record('createCollection', name);
      if (this.colls.has(name)) throw new Error(`collection ${name} exists`);
      this.colls.set(name, []);
      return { RequestId: 'r' };
    },
    describeCollection: async (name) => {
      this.record('describeCollection', name);
      const idx = this.colls.get(name);
      if (!idx) throw new Error(`no collection ${name}`);
      return {
        RequestId: 'r',
        Indexes: [
          {
            Name: '_id_',
            Size: 0,
            Keys: [{ Name: '_id', Direction: '1' }],
            Accesses: { Ops: 0, Since: '' },
            Unique: true,
          },
          ...structuredClone(idx),
        ],
        IndexNum: idx.length + 1,
      };
    },
    updateCollection: async (name, info) => {
      this.record('updateCollection', name, info);
      const idx = this.colls.get(name);
      if (!idx) throw new Error(`no collection ${name}`);
      for (const d of info.DropIndexes ?? []) {
        const at = idx.findIndex((i) => i.Name === d.IndexName);
        if (at < 0) throw new Error(`no index ${d.IndexName}`);
        idx.splice(at, 1);
      }
      for (const c of info.CreateIndexes ?? []) {
        if (idx.some((i) => i.Name === c.IndexName)) throw new Error(`index ${c.IndexName} exists`);
        idx.push(indexInfo(c));
      }
      return { RequestId: 'r' };
    },
  };

  permission: Manager['permission'] = {
    describeResourcePermission: async (options) => {
      this.record('describeResourcePermission', options);
      const list = (options.resources ?? [])
        .filter((r) => this.rules.has(r))
        .map((r) => ({ ResourceType: options.resourceType, Resource: r, ...this.rules.get(r) }));
      return { Data: { TotalCount: list.length, PermissionList: list }, RequestId: 'r' };
    },
    modifyResourcePermission: async (options) => {
      this.record('modifyResourcePermission', options);
      this.rules.set(options.resource as string, {
        Permission: options.permission,
        SecurityRule: options.securityRule,
      });
      return { Data: { Success: true }, RequestId: 'r' };
    },
  };

  storage = {
    getStorageAcl: (async (options?: { withRule: true }) => {
      this.record('getStorageAcl', options);
      return options?.withRule ? structuredClone(this.storageAcl) : this.storageAcl.acl;
    }) as Manager['storage']['getStorageAcl'],
    setStorageAcl: (async (acl: 'CUSTOM', rule?: IStorageAclRule) => {
      this.record('setStorageAcl', acl, rule);
      this.storageAcl = { acl, rule: structuredClone(rule) };
      return { RequestId: 'r' };
    }) as Manager['storage']['setStorageAcl'],
  };

  access: Manager['access'] = {
    getDomainList: async () => {
      this.record('getDomainList');
      return {
        RequestId: 'r',
        DefaultDomain: this.domain,
        EnableService: this.serviceEnabled,
        ServiceSet: [],
      };
    },
    getAccessList: async (options) => {
      this.record('getAccessList', options);
      return {
        RequestId: 'r',
        APISet: structuredClone(this.routes),
        Total: this.routes.length,
        Limit: 100,
        Offset: 0,
        EnableService: this.serviceEnabled,
      };
    },
    createAccess: async (options) => {
      this.record('createAccess', options);
      const APIId = `api-${this.routes.length + 1}`;
      this.routes.push({
        ServiceId: 'anju-test-1a2b',
        APIId,
        Path: options.path,
        Type: options.type ?? 1,
        Name: options.name,
        CreateTime: 0,
        EnvId: 'anju-test-1a2b',
        EnableAuth: Boolean(options.auth),
      });
      return { APIId, RequestId: 'r' };
    },
    switchPathAuth: async (options) => {
      this.record('switchPathAuth', options);
      for (const r of this.routes) if (options.apiIds.includes(r.APIId)) r.EnableAuth = options.auth;
      return { Count: options.apiIds.length, RequestId: 'r' };
    },
    switchAuth: async (auth) => {
      this.record('switchAuth', auth);
      this.serviceEnabled = auth;
      return { Count: 1, RequestId: 'r' };
    },
  };
}

function indexInfo(c: CreateIndex): IndexInfo {
  return {
    Name: c.IndexName,
    Size: 0,
    Keys: c.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })),
    Accesses: { Ops: 0, Since: '' },
    Unique: c.MgoKeySchema.MgoIsUnique,
  };
}

/** Settings that pass every check (keys made for the test, never real). */
export function validSettings(): Record<string, string> {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ANJU_ENV_ID: 'anju-test-1a2b',
    ANJU_POLICY: 'wuhan-wuchang',
    WXPAY_APPID: 'wx0123456789abcdef',
    WXPAY_MCHID: '1900000109',
    WXPAY_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    WXPAY_PRIVATE_KEY: merchant.privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .replace(/\n/g, '\\n'),
    WXPAY_PLATFORM_PUBLIC_KEY: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    WXPAY_PLATFORM_SERIAL: 'PUB_KEY_ID_0119000001092025010100000000000000',
    WXPAY_APIV3_KEY: 'a'.repeat(16) + 'B'.repeat(16),
    ANJU_ID_KEY: Buffer.alloc(32, 7).toString('base64'),
    ANJU_ID_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
    ANJU_SETUP_CODE: 'setup-code-for-tests',
  };
}
