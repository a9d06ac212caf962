import { defineFunction } from '../_runtime/handler';
import { createAccountRepository } from './account.repository';
import { getMe, getMyApplication } from './account.service';

/** `account`: health and the caller's own home page data. */
export const accountFunction = defineFunction('account', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'account', time: rt.now().toISOString() }),
  me: async (_input, ctx) => getMe(createAccountRepository(ctx.rt.db), ctx),
  myApplication: async (_input, ctx) => getMyApplication(createAccountRepository(ctx.rt.db), ctx),
});
