/** 420106199001011234 → 420106********1234 (ID numbers are masked whenever shown, docs/conventions.md §6). */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return id ? '*'.repeat(id.length) : '';
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length);
}
