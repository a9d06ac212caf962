/** ID numbers are masked whenever shown (docs/conventions.md §6); the one definition is the shared rule's. */
export { maskIdNumber } from '@shared/rules/people.rule';

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length);
}
