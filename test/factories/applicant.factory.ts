import { COLLECTIONS } from '../../shared/collections';
import type { DatabasePort } from '../../cloudfunctions/_runtime/db';
import type { HouseholdDoc } from '../../cloudfunctions/_runtime/documents';
import { makeHousehold } from './housing.factory';
import { createRng } from './rng';
import { BatchedWriter } from './batched-writes';

export interface Applicant {
  householdId: string;
  userId: string;
  openid: string;
}

/**
 * Households that pass eligibility under the example policy (低保 or low income, low income per person,
 * no home, adults), each with a WeChat user. Written in transactions under the platform's limit (`BatchedWriter`).
 */
export async function addEligibleApplicants(
  db: DatabasePort,
  count: number,
  prefix = 'ap',
  overrides: Partial<HouseholdDoc> = {},
): Promise<Applicant[]> {
  const rng = createRng(count * 7919 + prefix.length);
  const out: Applicant[] = [];
  const tx = new BatchedWriter();
  {
    for (let i = 0; i < count; i++) {
      const householdId = `${prefix}-h${i}`;
      const household = makeHousehold(rng, {
        _id: householdId,
        category: i % 3 === 0 ? 'dibao' : 'low_income',
        status: 'waitlisted',
        annualIncomeFen: 12_000_00,
        ownedHomeAreaM2: 0,
        applicantBirthDate: '1980-05-05',
        ...overrides,
      });
      const { _id: _h, ...householdBody } = household;
      await tx.collection(COLLECTIONS.households).doc(householdId).set(householdBody);
      const userId = `${prefix}-u${i}`;
      const openid = `${prefix}-openid-${i}`;
      await tx.collection(COLLECTIONS.users).doc(userId).set({
        openid,
        name: household.headName,
        roles: [],
        householdId,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      out.push({ householdId, userId, openid });
    }
  }
  await tx.flush(db);
  return out;
}
