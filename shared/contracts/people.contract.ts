import { z } from 'zod';
import { INVITATION_DAYS_HARD_MAX } from '../rules/operator-constants.rule';
import { PARALLEL_DEPARTMENTS } from '../rules/application.rule';
import { INVITABLE_ROLES, isValidIdNumber } from '../rules/people.rule';
import { action, clientIdSchema, idSchema, roleSchema } from './common';

/**
 * People (issue #17): the first administrator, invitations for staff and volunteers, binding a WeChat user
 * to their household, family members, consent, and the data held about a person. Actions of the `account`
 * function. ID numbers leave only masked, except `revealIdNumber` for the housing office (logged).
 */

/** A resident ID number as typed: 18 characters, checked against GB 11643-1999 (date and check digit). */
export const idNumberInput = z
  .string()
  .trim()
  .max(18, '身份证号码应为 18 位')
  .refine(isValidIdNumber, '身份证号码格式不正确，请核对后重新输入');

const nameInput = z.string().trim().min(1, '请填写姓名').max(30, '姓名不超过 30 个字');

/** The short code people type or scan: 8 characters from an alphabet without 0/O, 1/I/L. */
export const invitationCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .length(8, '邀请码为 8 位')
  .regex(/^[A-HJ-KM-NP-Z2-9]{8}$/, '邀请码格式不正确');

export const invitationRoleSchema = z.enum([...INVITABLE_ROLES, 'family']);
export type InvitationRole = z.infer<typeof invitationRoleSchema>;

export const invitationView = z.object({
  id: idSchema,
  code: z.string(),
  /** The mini-program page that accepts it, with the code as its query (for a QR code or a shared link). */
  path: z.string(),
  role: invitationRoleSchema,
  roleLabel: z.string(),
  /** A department checker's invitation: the department it checks for (惠州 链接2(3)). */
  departmentLabel: z.string().nullable(),
  projectNames: z.array(z.string()),
  note: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['open', 'accepted', 'revoked', 'expired']),
  statusLabel: z.string(),
  acceptedByName: z.string().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;

const consentView = z.object({ version: z.string(), at: z.string() }).nullable();

export const myDataResult = z.object({
  name: z.string(),
  roles: z.array(roleSchema),
  projectNames: z.array(z.string()),
  /** The phone number WeChat confirmed, masked. */
  phoneMasked: z.string().nullable(),
  /** The caller's own ID number (family members), masked. */
  idNumberMasked: z.string().nullable(),
  consents: z.object({ personal: consentView, sensitive: consentView, currentVersion: z.string() }),
  household: z
    .object({
      id: idSchema,
      headName: z.string(),
      idNumberMasked: z.string(),
      phoneMasked: z.string(),
      size: z.number().int(),
      categoryLabel: z.string(),
      statusLabel: z.string(),
      /** `head`: bound as the household head; `member`: a family member the head added (代缴/代办). */
      relation: z.enum(['head', 'member']),
      boundAt: z.string(),
    })
    .nullable(),
  corrections: z.array(z.object({ field: z.string(), text: z.string(), at: z.string(), status: z.string() })),
  /** How long data is kept after a household exits, and the source of that period. */
  retention: z.string(),
});
export type MyDataResult = z.infer<typeof myDataResult>;

const bindingView = z.object({
  userId: idSchema,
  userName: z.string(),
  householdId: idSchema,
  headName: z.string(),
  idNumberMasked: z.string(),
  relation: z.enum(['head', 'member']),
  boundAt: z.string(),
});

const staffRow = z.object({
  userId: idSchema,
  name: z.string(),
  roles: z.array(roleSchema),
  projectNames: z.array(z.string()),
  /** A department checker: the department they check for. */
  departmentLabel: z.string().nullable(),
  /** Roles the caller may take away from this person. */
  revocable: z.array(roleSchema),
});

const familyRow = z.object({
  userId: idSchema,
  name: z.string(),
  idNumberMasked: z.string(),
  addedAt: z.string(),
});

export const peopleActions = {
  /** The first administrator: the deployment's one-time setup code, spent on first use. */
  setupAdmin: action(
    z.object({ code: z.string().trim().min(1).max(64) }).strict(),
    z.object({ roles: z.array(roleSchema) }),
  ),
  /** Agreeing to the personal-information notice, or separately to the sensitive-information one. */
  consent: action(
    z.object({ kind: z.enum(['personal', 'sensitive']), version: z.string().trim().min(1).max(20) }).strict(),
    z.object({ personal: consentView, sensitive: consentView, currentVersion: z.string() }),
  ),
  /** A tenant or applicant binds to the household the office holds: name, ID number, WeChat's phone code. */
  bindHousehold: action(
    z
      .object({ name: nameInput, idNumber: idNumberInput, phoneCode: z.string().trim().min(1).max(128) })
      .strict(),
    myDataResult,
  ),
  unbindHousehold: action(z.object({}).strict(), myDataResult),
  createInvitation: action(
    z
      .object({
        role: invitationRoleSchema,
        projectIds: z.array(idSchema).max(20),
        /** Required for `department_reviewer` (which department the new checker answers for), else absent. */
        department: z.enum(PARALLEL_DEPARTMENTS).optional(),
        note: z.string().trim().max(60),
        // The hard bound; the district's saved maximum (运营方设定) is enforced by the service. Left out: the
        // district's default validity.
        validDays: z.number().int().min(1).max(INVITATION_DAYS_HARD_MAX).optional(),
        clientRequestId: clientIdSchema,
      })
      .strict(),
    invitationView,
  ),
  /** The invitations the caller made (the housing office: every staff invitation). */
  invitations: action(z.object({}).strict(), z.array(invitationView)),
  revokeInvitation: action(z.object({ invitationId: idSchema }).strict(), invitationView),
  /**
   * The 小程序码 of an open invitation (WeChat's wxacode.getUnlimited, page pages/join/index, scene = the code):
   * a temporary address of the stored image.
   */
  invitationQr: action(
    z.object({ invitationId: idSchema }).strict(),
    z.object({ url: z.string(), expiresAt: z.string() }),
  ),
  /** Family invitations also carry the member's own name and ID number (an adult: 民法典 第十七条). */
  acceptInvitation: action(
    z
      .object({ code: invitationCodeSchema, name: nameInput.optional(), idNumber: idNumberInput.optional() })
      .strict(),
    z.object({ roles: z.array(roleSchema), role: invitationRoleSchema, roleLabel: z.string() }),
  ),
  /** Staff the caller may manage: the office sees everyone with a role; a manager its projects' helpers. */
  staff: action(z.object({}).strict(), z.array(staffRow)),
  /** Takes a role away; it stops working on that person's next call. */
  revokeRole: action(z.object({ userId: idSchema, role: roleSchema }).strict(), staffRow),
  familyMembers: action(z.object({}).strict(), z.array(familyRow)),
  removeFamilyMember: action(z.object({ userId: idSchema }).strict(), z.array(familyRow)),
  /** The housing office: every binding of a WeChat user to a household. */
  bindings: action(z.object({}).strict(), z.array(bindingView)),
  /** The housing office sees a head's whole ID number for a stated reason; every view is logged. */
  revealIdNumber: action(
    z.object({ householdId: idSchema, reason: z.string().trim().min(2).max(100) }).strict(),
    z.object({ idNumber: z.string(), loggedAt: z.string() }),
  ),
  /** The housing office: who saw which whole ID number, when and why. */
  idAccessLog: action(
    z.object({}).strict(),
    z.array(z.object({ viewerName: z.string(), headName: z.string(), reason: z.string(), at: z.string() })),
  ),
  /**
   * Staff handling a tenant's open case get the tenant's phone to call (Taro.makePhoneCall), never to print:
   * a repair (its assigned worker, or the project's manager), a household behind on rent (the project's
   * manager), a hazard in a home (the project's manager or volunteers), an exit case (the housing office).
   * Nobody else, and not once the case is closed; every answer is audited (without the number).
   */
  caseContact: action(
    z.union([
      z.object({ repairId: idSchema }).strict(),
      // An arrears household: the project's manager (欠租管理, 账本).
      z.object({ leaseId: idSchema }).strict(),
      // A hazard in a home: the project's manager and volunteers (隐患整改).
      z.object({ hazardId: idSchema }).strict(),
      // An open exit case: the housing office (退出管理).
      z.object({ exitCaseId: idSchema }).strict(),
    ]),
    z.object({ name: z.string(), phone: z.string() }),
  ),
  /** The housing office: open correction requests (个人信息保护法 第四十六条), oldest first. */
  corrections: action(
    z.object({}).strict(),
    z.array(
      z.object({
        userId: idSchema,
        userName: z.string(),
        correctionId: idSchema,
        field: z.string(),
        text: z.string(),
        at: z.string(),
      }),
    ),
  ),
  /** The housing office marks a correction request handled (after correcting the record at the counter). */
  resolveCorrection: action(
    z.object({ userId: idSchema, correctionId: idSchema }).strict(),
    z.object({ resolved: z.boolean() }),
  ),
  /** Everything the system holds about the caller (个人信息保护法 第四十五条). */
  myData: action(z.object({}).strict(), myDataResult),
  /** Asks the office to correct an item (第四十六条). */
  requestCorrection: action(
    z
      .object({
        field: z.enum(['name', 'phone', 'idNumber', 'household', 'other']),
        text: z.string().trim().min(2).max(300),
        clientRequestId: clientIdSchema,
      })
      .strict(),
    myDataResult,
  ),
};
