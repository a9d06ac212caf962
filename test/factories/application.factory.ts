import { COLLECTIONS } from '@shared/collections';
import type { ApplicationFormInput } from '@shared/contracts';
import { PARALLEL_DEPARTMENTS, type ParallelDepartment } from '@shared/rules/application.rule';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import type { DatabasePort } from '../../cloudfunctions/_runtime/db';
import { makeSignaturePng } from './png.factory';
import { makeIdNumber } from './people.factory';
import { createRng } from './rng';
import { addUser, type TestHost, type TestUser } from './scenario.factory';

/** The three reviewers of 三审三公示 (社区初审, 街道复审, 住房保障部门终审), one user each. */
export async function addReviewers(db: DatabasePort) {
  const [community, street, housing] = await Promise.all([
    addUser(db, { id: 'u-rv-community', roles: ['community_reviewer'], name: '社区审核员' }),
    addUser(db, { id: 'u-rv-street', roles: ['street_reviewer'], name: '街道审核员' }),
    addUser(db, { id: 'u-rv-housing', roles: ['housing_reviewer'], name: '住房保障审核员' }),
  ]);
  return { community, street, housing } as Record<'community' | 'street' | 'housing', TestUser>;
}

/**
 * A complete online application of a 低收入 household of two (the head and a spouse), with one photo per
 * required document uploaded by `openid` under `application-doc`. `seed` varies names and ID numbers.
 */
export async function applicationForm(
  t: TestHost,
  openid: string,
  seed = 1,
  overrides: Partial<ApplicationFormInput> = {},
): Promise<ApplicationFormInput> {
  const rng = createRng(9000 + seed);
  const photo = () => t.upload(openid, 'application-doc', makeSignaturePng(24, 24, seed), 'png');
  const documents = [];
  for (const kind of ['id_card', 'hukou', 'income', 'housing'] as const)
    documents.push({ kind, fileIds: [await photo()] });
  return {
    clientRequestId: `apply-${seed}-0001`,
    category: 'low_income',
    members: [
      { name: '郭晓明', relation: '本人', idNumber: makeIdNumber(rng, 1980), annualIncomeFen: 2_400_000 },
      { name: '王丽', relation: '配偶', idNumber: makeIdNumber(rng, 1982), annualIncomeFen: 1_200_000 },
    ],
    housing: { ownedHomeAreaM2: 0, description: '租住私房，无自有住房' },
    employmentMonths: null,
    documents,
    ...overrides,
  };
}

/** Someone with no role who has agreed to both privacy notices (as the apply page asks first). */
export async function addApplicant(db: DatabasePort, id = 'u-applicant', name = '郭晓明'): Promise<TestUser> {
  const user = await addUser(db, { id, roles: [], name });
  const agreed = { version: PRIVACY_NOTICE.version, at: '2026-09-01T00:00:00.000Z' };
  await db
    .collection(COLLECTIONS.users)
    .doc(id)
    .update({ consents: { personal: agreed, sensitive: agreed } });
  return user;
}

/**
 * One checker per department of Huizhou's parallel review (惠州 链接2(3)), each with their own account: the
 * `department_reviewer` role and the department, as an office invitation grants them.
 */
export async function addDepartmentCheckers(db: DatabasePort) {
  const out = {} as Record<ParallelDepartment, TestUser>;
  for (const department of PARALLEL_DEPARTMENTS) {
    const id = `u-dept-${department.replace(/_/g, '-')}`;
    out[department] = await addUser(db, { id, roles: ['department_reviewer'], name: `${department}核查员` });
    await db.collection(COLLECTIONS.users).doc(id).update({ department });
  }
  return out;
}
