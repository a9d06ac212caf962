import { defineFunction } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { createAccountRepository } from './account.repository';
import { getMe, getMyApplication } from './account.service';

const repo = (rt: Runtime) => createAccountRepository(rt.db);

/** `account`: health and the caller's own home page data. */
export const accountFunction = defineFunction('account', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'account', time: rt.now().toISOString() }),
  me: async (_input, ctx) => getMe(repo(ctx.rt), ctx),
  myApplication: async (_input, ctx) => getMyApplication(repo(ctx.rt), ctx),
});
