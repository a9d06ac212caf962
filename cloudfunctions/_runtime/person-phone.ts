import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from './db';

/**
 * The one place that answers "what is this person's mobile number" for urgent SMS (issue #18). Today it is
 * the `phone` field of the user's record, where the office enters it; the identity and phone-binding work
 * (issue #17) replaces this lookup with the bound number, and nothing else changes.
 */
export async function phoneOfUser(db: DatabasePort, userId: string): Promise<string | null> {
  const res = await db.collection(COLLECTIONS.users).doc(userId).get();
  const user = res.data[0] as { phone?: unknown } | undefined;
  const phone = typeof user?.phone === 'string' ? user.phone.replace(/\s+/g, '') : '';
  if (!/^(\+86)?1\d{10}$/.test(phone)) return null;
  return phone.startsWith('+86') ? phone : `+86${phone}`;
}
