/**
 * The words shown next to a provisional deadline, on every page that shows one. Kept apart from
 * working-days.rule.ts (re-exported there) so that a page showing only these words does not bring the holiday
 * dataset into the mini-program's main package (issue #19, budgets).
 */
export const PROVISIONAL_LABEL = '暂按工作日计算';
