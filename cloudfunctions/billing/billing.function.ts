import { defineFunction } from '../_runtime/handler';

/** `billing`: only `health` until its issue lands (see README, "Not built yet"). */
export const billingFunction = defineFunction('billing', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'billing', time: rt.now().toISOString() }),
});
