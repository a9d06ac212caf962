import { repairViewSchema, type RepairView } from '@shared/contracts';
import { REPAIR_STATE_LABELS } from '@shared/rules/repair-flow.rule';

/** When the tenant filed the repair in the page fixtures: 2026年11月22日 10:00 in Beijing. */
export const REPAIR_FILED_AT = '2026-11-22T02:00:00.000Z';

/** The district's reopen period as the example settings give it (`repair.reopenWithinDays`). */
export const EXAMPLE_REOPEN: RepairView['reopen'] = {
  withinDays: 7,
  basis: '运营方设定（完工后可重新报修的期限，武昌区住房保障部门）',
};

/**
 * A repair as `repair.detail` sends it to a page: 欧阳明's leaking bathroom in 惠民家园 1栋101, filed and not
 * yet taken, with overrides for only what the test is about. Its status label follows the status unless the
 * test gives one. The result is parsed with the contract's own schema, so a fixture that the contract has
 * outgrown (a field added, an enum narrowed) fails here, once, rather than drifting in every test.
 */
export function repairView(overrides: Partial<RepairView> = {}): RepairView {
  const status = overrides.status ?? 'submitted';
  return repairViewSchema.parse({
    id: 'r-1',
    kind: 'repair',
    category: 'water',
    categoryLabel: '水电',
    description: '卫生间漏水',
    emergency: false,
    status,
    statusLabel: REPAIR_STATE_LABELS[status],
    unitLabel: '1栋101',
    projectName: '惠民家园',
    preferredTimes: '',
    deadline: '2026-11-25T10:00:00.000Z',
    overdue: false,
    workerName: null,
    visitAt: null,
    photos: 0,
    afterPhotos: 0,
    rating: null,
    createdAt: REPAIR_FILED_AT,
    events: [{ at: REPAIR_FILED_AT, actorName: '欧阳明', action: '已提交', note: '' }],
    reopen: EXAMPLE_REOPEN,
    ...overrides,
  });
}
