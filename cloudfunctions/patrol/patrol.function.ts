import { defineFunction } from '../_runtime/handler';

/** `patrol`: only `health` until its issue lands (see README, "Not built yet"). */
export const patrolFunction = defineFunction('patrol', {
  health: async (_input, { rt }) => ({ status: 'ok', function: 'patrol', time: rt.now().toISOString() }),
});
