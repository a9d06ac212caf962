import { defineFunction } from '../_runtime/handler';

/** `allocation`: only `health` until its issue lands (see README, "Not built yet"). */
export const allocationFunction = defineFunction('allocation', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'allocation', time: rt.now().toISOString() }),
});
