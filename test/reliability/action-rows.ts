import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { currentSettings } from '@shared/rules/district-settings.rule';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import { START, SEED, fullChecklist, type Ids, type Person, type Who } from './scenario';

/**
 * One row per action of every function (shared/contracts CONTRACTS): a valid input naming an object of
 * project A / household A1 (built by scenario.ts), the person who may legitimately make the call (used by
 * the bad-input pass), and what each persona who is NOT that person must get:
 *
 * - `refuse`: NOT_FOUND or UNAUTHENTICATED (as the handler maps them), and nothing written;
 * - `hide`: a list of the caller's own things; it may answer, but never with anything of A1's, and nothing
 *   is written;
 * - `{ allow }`: the persona may legitimately make this call (the reason says why); not called.
 *
 * A caller with no OPENID (`anonymous`) is refused on every action; every other cell is written out below.
 */
export const PERSONAS = [
  'anonymous',
  'stranger',
  'tenantOther',
  'managerOther',
  'workerOther',
  'volunteerOther',
  'admin',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** Who plays each persona: a tenant of A's other household, the staff of project B, the office. */
export const PERSONA_PEOPLE: Record<Persona, Person> = {
  anonymous: 'anonymous',
  stranger: 'stranger',
  tenantOther: 'tA2',
  managerOther: 'mB',
  workerOther: 'wB',
  volunteerOther: 'vB',
  admin: 'admin',
};

export type Cell = 'refuse' | 'hide' | { allow: string };
type SignedIn = Exclude<Persona, 'anonymous'>;
export interface ActionRow {
  owner: Who;
  input: (ids: Ids) => Record<string, unknown>;
  cells: Record<SignedIn, Cell>;
}

const all = (cell: Cell): Record<SignedIn, Cell> => ({
  stranger: cell,
  tenantOther: cell,
  managerOther: cell,
  workerOther: cell,
  volunteerOther: cell,
  admin: cell,
});
/** Only the one it belongs to (the office included is refused: it is not the tenant, worker, …). */
const ownerOnly = all('refuse');
/** The caller's own list. */
const ownList = all('hide');
/** Public or harmless for anyone signed in. */
const anyone = (reason: string) => all({ allow: reason });
/** The housing office's own actions. */
const officeOnly = { ...all('refuse'), admin: { allow: '住房保障部门的职能（全部项目）' } };
/** Project staff: the project's manager (not the scenario's other-project manager) and the office. */
const projectStaff = { ...all('refuse'), admin: { allow: '住房保障部门监管全部项目' } };
/** A district-wide job any staff may run now (the timer runs the same; idempotent per day). */
const staffJob = {
  ...all('refuse'),
  managerOther: { allow: '全区定时任务的手动触发，与定时器相同且按日去重' },
  admin: { allow: '全区定时任务的手动触发' },
};

const at = (hoursBefore: number) => new Date(START.getTime() - hoursBefore * 3_600_000).toISOString();

export const ACTION_ROWS: Record<string, ActionRow> = {
  // ---- account ----
  'account.health': { owner: 'tA1', input: () => ({}), cells: anyone('只回答函数在线，不涉及任何数据') },
  'account.me': {
    owner: 'tA1',
    input: () => ({}),
    cells: { ...ownList, stranger: { allow: '首次登录为本人建立无角色的用户记录' } },
  },
  'account.myApplication': { owner: 'ap0', input: () => ({}), cells: ownList },
  'account.uploadPrefix': {
    owner: 'tA1',
    input: () => ({}),
    cells: anyone('只回答调用者自己的上传目录（由平台的 OPENID 得出），不涉及他人的数据'),
  },
  'account.requestReReview': {
    owner: 'ap1',
    input: () => ({ reason: '家庭收入核算有误，申请复核' }),
    cells: ownerOnly,
  },
  // ---- account: people (issue #17) ----
  'account.setupAdmin': {
    owner: 'stranger',
    input: () => ({ code: 'NOT-THE-CODE' }),
    cells: anyone('任何人都可输入初始化口令；错误次数按人按日限制并审计，不涉及他人数据'),
  },
  'account.consent': {
    owner: 'tA1',
    input: () => ({ kind: 'personal', version: PRIVACY_NOTICE.version }),
    cells: anyone('本人同意告知，只写本人的记录'),
  },
  'account.bindHousehold': {
    owner: 'stranger',
    input: () => ({ name: '欧阳甲一', idNumber: '42010619800101004X', phoneCode: 'sandbox:13900001111' }),
    cells: anyone('任何人都可尝试绑定本人家庭；核验不一致不透露任何信息，次数受限并审计'),
  },
  'account.unbindHousehold': {
    owner: 'tB2',
    input: () => ({}),
    cells: { ...anyone('只解除本人的绑定'), stranger: 'refuse' },
  },
  'account.createInvitation': {
    owner: 'admin',
    input: () => ({
      role: 'volunteer',
      projectIds: ['p-a'],
      note: '',
      validDays: 7,
      clientRequestId: 'matrix-invitation',
    }),
    cells: officeOnly,
  },
  'account.invitations': { owner: 'admin', input: () => ({}), cells: ownList },
  'account.revokeInvitation': {
    owner: 'admin',
    input: (i) => ({ invitationId: i.invitationId }),
    cells: officeOnly,
  },
  'account.invitationQr': {
    owner: 'admin',
    input: (i) => ({ invitationId: i.invitationId }),
    cells: officeOnly,
  },
  'account.acceptInvitation': {
    owner: 'stranger',
    input: (i) => ({ code: i.invitationCode }),
    cells: anyone('凭邀请码接受邀请，单次有效；授予的正是邀请所写的角色'),
  },
  'account.staff': {
    owner: 'admin',
    input: () => ({}),
    cells: { ...all('refuse'), managerOther: 'hide', admin: { allow: '住房保障部门管理全部人员' } },
  },
  'account.revokeRole': {
    owner: 'admin',
    input: (i) => ({ userId: i.spareVolunteerId, role: 'volunteer' }),
    cells: officeOnly,
  },
  'account.familyMembers': { owner: 'tA1', input: () => ({}), cells: ownList },
  'account.removeFamilyMember': {
    owner: 'tA1',
    input: (i) => ({ userId: i.memberA1Id }),
    cells: ownerOnly,
  },
  'account.bindings': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'account.revealIdNumber': {
    owner: 'admin',
    input: () => ({ householdId: 'h-a1', reason: '核对纸质档案' }),
    cells: officeOnly,
  },
  'account.idAccessLog': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'account.caseContact': {
    owner: 'wA',
    input: (i) => ({ repairId: i.rep.inProgress }),
    cells: ownerOnly,
  },
  // Contact by telephone (issue #17): cloudfunctions/account/contact.service.ts
  'account.confirmWorkPhone': {
    owner: 'wA',
    input: () => ({ phoneCode: 'sandbox:13900000002' }),
    cells: {
      ...all({ allow: '工作人员确认本人的工作电话，只写本人的用户记录' }),
      stranger: 'refuse',
      tenantOther: 'refuse',
    },
  },
  'account.workerContact': {
    owner: 'tA1',
    input: (i) => ({ repairId: i.rep.inProgress }),
    cells: ownerOnly,
  },
  'account.serviceContact': { owner: 'tA1', input: () => ({}), cells: ownList },
  'account.myData': { owner: 'tA1', input: () => ({}), cells: ownList },
  'account.requestCorrection': {
    owner: 'tA1',
    input: () => ({ field: 'phone', text: '手机号已更换', clientRequestId: 'matrix-correction' }),
    cells: { ...anyone('本人申请更正本人的信息'), stranger: 'refuse' },
  },
  'account.corrections': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'account.resolveCorrection': {
    owner: 'admin',
    input: (i) => ({ userId: 'u-ta1', correctionId: i.correctionA1 }),
    cells: officeOnly,
  },
  'account.holidayCalendar': { owner: 'admin', input: () => ({ year: 2027 }), cells: officeOnly },
  'account.saveHolidayCalendar': {
    owner: 'admin',
    input: () => ({
      year: 2027,
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
      noticeRef: '国办发明电〔2026〕1号',
    }),
    cells: officeOnly,
  },

  'account.districtSettings': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'account.saveDistrictSettings': {
    owner: 'admin',
    input: () => ({
      requestKey: 'matrix-settings-0001',
      effectiveFrom: '2030-01-01',
      values: currentSettings(WUCHANG_PRESET).values,
      note: '',
    }),
    cells: officeOnly,
  },

  // ---- allocation ----
  'allocation.health': { owner: 'tA1', input: () => ({}), cells: anyone('只回答函数在线，不涉及任何数据') },
  'allocation.createProject': {
    owner: 'admin',
    input: () => ({
      name: '丙苑',
      address: '武昌区示例路 9 号',
      buildings: [{ name: '1栋', floors: 6, highRise: false }],
    }),
    cells: officeOnly,
  },
  'allocation.listProjects': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'allocation.setServicePhone': {
    owner: 'admin',
    input: () => ({ projectId: 'p-a', servicePhone: '027-88886666' }),
    cells: officeOnly,
  },
  'allocation.importUnits': {
    owner: 'admin',
    input: (i) => ({ projectId: 'p-a', fileName: 'units.csv', fileId: i.up.sheet }),
    cells: officeOnly,
  },
  'allocation.createRound': {
    owner: 'admin',
    input: () => ({
      projectId: 'p-a',
      title: '甲苑第二批',
      description: '甲苑空置公租房配租',
      registrationOpensAt: '2026-12-01T09:00:00+08:00',
      registrationClosesAt: '2026-12-10T17:00:00+08:00',
      eligibleCategories: ['dibao'],
      seedCommitment: 'a'.repeat(64),
    }),
    cells: officeOnly,
  },
  'allocation.closeRegistration': {
    owner: 'admin',
    input: (i) => ({ roundId: i.roundId }),
    cells: officeOnly,
  },
  'allocation.runLottery': {
    owner: 'admin',
    input: (i) => ({ roundId: i.roundId, seed: SEED, rerunReason: '核查名单' }),
    cells: officeOnly,
  },
  'allocation.openSelection': {
    owner: 'admin',
    input: (i) => ({ roundId: i.roundId, startsAt: '2026-11-23T09:00:00+08:00', windowMinutes: 30 }),
    cells: officeOnly,
  },
  'allocation.publishResults': {
    owner: 'admin',
    input: (i) => ({ roundId: i.roundId, noticeDays: 7 }),
    cells: officeOnly,
  },
  'allocation.roundResults': { owner: 'admin', input: (i) => ({ roundId: i.roundId }), cells: officeOnly },
  'allocation.exportResults': { owner: 'admin', input: (i) => ({ roundId: i.roundId }), cells: officeOnly },
  'allocation.auditLog': { owner: 'admin', input: (i) => ({ entityId: i.roundId }), cells: officeOnly },
  'allocation.listVacancies': { owner: 'admin', input: () => ({ projectId: 'p-b' }), cells: officeOnly },
  'allocation.offerVacancy': {
    owner: 'admin',
    input: () => ({ unitId: 'p-b-b1-302', acceptDays: 7 }),
    cells: officeOnly,
  },
  'allocation.listObjections': { owner: 'admin', input: (i) => ({ roundId: i.roundId }), cells: officeOnly },
  'allocation.resolveObjection': {
    owner: 'admin',
    input: (i) => ({ objectionId: i.objectionId, resolution: '经核查，该户资格属实' }),
    cells: officeOnly,
  },
  'allocation.applyRenewal': { owner: 'tA1', input: (i) => ({ leaseId: i.leaseA1 }), cells: ownerOnly },
  'allocation.fileObjection': {
    owner: 'tA1',
    input: (i) => ({ roundId: i.roundId, text: '对配租结果有异议' }),
    cells: {
      ...anyone('公示期内任何登录用户都可以提出异议（乌兰察布 第十三、十八条）'),
      stranger: 'refuse',
    },
  },
  'allocation.myOffers': { owner: 'apOffer', input: () => ({}), cells: ownList },
  // ---- allocation: applications through 三审三公示 (application.service.ts) ----
  'allocation.submitApplication': {
    owner: 'ap2',
    input: (i) => ({
      clientRequestId: 'scenario-apply-0001',
      category: 'low_income',
      members: [{ name: '欧阳甲一', relation: '本人', idNumber: '42010619800101004X', annualIncomeFen: 0 }],
      housing: { ownedHomeAreaM2: 0, description: '租住私房' },
      employmentMonths: null,
      documents: [{ kind: 'id_card', fileIds: [i.up.repairPhoto] }],
    }),
    cells: anyone('任何人都可为本人家庭提出申请；只写本人的申请，他人上传的文件被拒绝'),
  },
  'allocation.myApplicationProgress': { owner: 'ap0', input: () => ({}), cells: ownList },
  'allocation.resubmitApplication': {
    owner: 'ap0',
    input: () => ({ applicationId: 'app-ap0', note: '已补充', documents: [] }),
    cells: ownerOnly,
  },
  'allocation.requestApplicationReReview': {
    owner: 'ap1',
    input: () => ({ applicationId: 'app-ap1', reason: '收入核算有误' }),
    cells: ownerOnly,
  },
  'allocation.reviewQueue': {
    owner: 'rvC',
    input: () => ({}),
    cells: { ...all('refuse'), admin: { allow: '住房保障部门查看全部审核环节' } },
  },
  'allocation.exportApplications': {
    owner: 'rvC',
    input: () => ({}),
    cells: { ...all('refuse'), admin: { allow: '住房保障部门导出全部审核环节' } },
  },
  'allocation.applicationDetail': {
    owner: 'rvC',
    input: () => ({ applicationId: 'app-ap0' }),
    cells: { ...all('refuse'), admin: { allow: '住房保障部门查看全部申请' } },
  },
  'allocation.reviewApplication': {
    owner: 'rvC',
    input: () => ({ applicationId: 'app-ap0', decision: 'return', note: '', missing: ['收入证明'] }),
    cells: all('refuse'),
  },
  'allocation.closeReviewNotice': {
    owner: 'rvC',
    input: () => ({ applicationId: 'app-ap2' }),
    cells: all('refuse'),
  },
  'allocation.answerReviewObjection': {
    owner: 'rvC',
    input: () => ({
      applicationId: 'app-ap2',
      objectionId: 'ro-scenario',
      answer: '经核查无住房',
      upheld: false,
    }),
    cells: all('refuse'),
  },
  'allocation.departmentTasks': {
    owner: 'dpC',
    input: () => ({}),
    cells: all('refuse'),
  },
  'allocation.answerDepartmentTask': {
    owner: 'dpC',
    input: () => ({ applicationId: 'app-ap1', result: 'clear', note: '' }),
    cells: all('refuse'),
  },
  'allocation.revealMemberIdNumber': {
    owner: 'dpC',
    input: () => ({ applicationId: 'app-ap1', member: 0, reason: '核对户籍记录' }),
    cells: all('refuse'),
  },
  'allocation.decideReReview': {
    owner: 'rvH',
    input: () => ({ applicationId: 'app-ap1', overturn: false, answer: '维持原决定' }),
    cells: all('refuse'),
  },
  'allocation.reviewNotices': {
    owner: 'tA1',
    input: () => ({}),
    cells: anyone('审核结果公示是公开信息（姓名、身份证号已遮蔽）'),
  },
  'allocation.fileReviewObjection': {
    owner: 'tA1',
    input: () => ({
      applicationId: 'app-ap2',
      clientRequestId: 'scenario-objection-01',
      text: '该户另有住房',
    }),
    cells: anyone('公示期间任何人都可以提出异议，只追加本人的异议'),
  },
  'allocation.roundNotice': {
    owner: 'tA1',
    input: (i) => ({ roundId: i.roundId }),
    cells: anyone('配租结果公示是公开信息（姓名、身份证号已遮蔽）'),
  },
  'allocation.exportWaitlist': {
    owner: 'rvH',
    input: () => ({}),
    cells: { ...all('refuse'), admin: { allow: '住房保障部门导出轮候名单' } },
  },
  'allocation.waitlist': {
    owner: 'rvH',
    input: () => ({}),
    cells: { ...all('refuse'), admin: { allow: '住房保障部门管理轮候名单' } },
  },
  // Last of the block: the control call withdraws ap0's application.
  'allocation.withdrawApplication': {
    owner: 'ap0',
    input: () => ({ applicationId: 'app-ap0', reason: '不再需要' }),
    cells: ownerOnly,
  },
  'allocation.respondOffer': {
    owner: 'apOffer',
    input: (i) => ({ offerId: i.offerId, accept: true }),
    cells: ownerOnly,
  },
  // Exit cases (Ulanqab Art. 31–33, 37, 38): the office's steps; the household's statement and its own cases.
  'allocation.openExitCase': {
    owner: 'admin',
    input: (i) => ({
      leaseId: i.leaseA1,
      trigger: 'sublet_or_change_of_use',
      source: 'patrol',
      evidence: '巡查发现转租',
      clientRequestId: 'row-open-exit',
    }),
    cells: officeOnly,
  },
  'allocation.vacancyEvidence': { owner: 'admin', input: (i) => ({ leaseId: i.leaseA1 }), cells: officeOnly },
  'allocation.listExitCases': { owner: 'admin', input: () => ({ state: 'open' }), cells: officeOnly },
  'allocation.exportExitCases': { owner: 'admin', input: () => ({ state: 'all' }), cells: officeOnly },
  'allocation.exitCase': {
    owner: 'tA1',
    input: (i) => ({ caseId: i.exitCaseA1 }),
    cells: { ...ownerOnly, admin: { allow: '住房保障部门办理退出案件' } },
  },
  'allocation.exitNotify': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, respondDays: 15 }),
    cells: officeOnly,
  },
  'allocation.exitDecide': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, reason: '经核实确有转租', moveOutDays: 30 }),
    cells: officeOnly,
  },
  'allocation.exitClose': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, reason: '已整改' }),
    cells: officeOnly,
  },
  'allocation.exitInspect': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, note: '房屋完好', photoFileIds: [i.up.exitPhoto] }),
    cells: officeOnly,
  },
  'allocation.exitSettle': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, depositFen: 100000, backPayFen: 0, damageFen: 0, fineFen: 0 }),
    cells: officeOnly,
  },
  'allocation.exitRecordRefund': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, method: 'transfer', reference: 'ZZ20261201001' }),
    cells: officeOnly,
  },
  'allocation.exitEndLease': {
    owner: 'admin',
    input: (i) => ({ caseId: i.exitCaseA1, note: '钥匙已交回' }),
    cells: officeOnly,
  },
  'allocation.exitStatement': {
    owner: 'tA1',
    input: (i) => ({ caseId: i.exitCaseA1, text: '我家没有转租，是亲戚临时借住' }),
    cells: ownerOnly,
  },
  'allocation.myExitCases': { owner: 'tA1', input: () => ({}), cells: ownList },
  // Renewal decisions (Ulanqab Art. 21) and leases signed online outside a round (renewal, vacancy offer).
  'allocation.listRenewals': { owner: 'admin', input: () => ({ withinMonths: 12 }), cells: officeOnly },
  'allocation.exportRenewals': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'allocation.decideRenewal': {
    owner: 'admin',
    input: (i) => ({ renewalId: i.renewalA1, approve: true }),
    cells: officeOnly,
  },
  'allocation.remindRenewals': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'allocation.myLeaseContracts': { owner: 'tA1', input: () => ({}), cells: ownList },
  'allocation.getLeaseContract': {
    owner: 'tA1',
    input: (i) => ({ contractId: i.renewalContractA1 }),
    cells: ownerOnly,
  },
  'allocation.signLeaseContract': {
    owner: 'tA1',
    input: (i) => ({
      contractId: i.renewalContractA1,
      signatureFileId: i.up.signatureA1,
      textSha256: i.renewalTextSha256,
    }),
    cells: ownerOnly,
  },
  'allocation.listRounds': { owner: 'tA1', input: () => ({}), cells: anyone('配租公告是公开信息') },
  'allocation.register': {
    owner: 'ap0',
    input: (i) => ({ roundId: i.roundId }),
    cells: { ...ownerOnly, tenantOther: { allow: '为本人家庭报名，资格由规则判断' } },
  },
  'allocation.myRegistrations': { owner: 'apSel', input: () => ({}), cells: ownList },
  'allocation.availableUnits': {
    owner: 'apSel',
    input: (i) => ({ roundId: i.roundId }),
    cells: { ...ownerOnly, admin: { allow: '住房保障部门查看任何轮次' } },
  },
  'allocation.selectUnit': {
    owner: 'apWait',
    input: (i) => ({ roundId: i.roundId, unitId: i.freeUnitId }),
    cells: ownerOnly,
  },
  'allocation.waive': { owner: 'apWait', input: (i) => ({ roundId: i.roundId }), cells: ownerOnly },
  'allocation.getContract': {
    owner: 'apSel',
    input: (i) => ({ registrationId: i.regSel }),
    cells: ownerOnly,
  },
  'allocation.signContract': {
    owner: 'apSel',
    input: (i) => ({ registrationId: i.regSel, signatureFileId: i.up.signature, textSha256: i.textSha256 }),
    cells: ownerOnly,
  },

  // ---- billing ----
  'billing.health': { owner: 'tA1', input: () => ({}), cells: anyone('只回答函数在线，不涉及任何数据') },
  'billing.myBills': { owner: 'tA1', input: () => ({}), cells: ownList },
  'billing.billDetail': { owner: 'tA1', input: (i) => ({ billId: i.billOpen }), cells: ownerOnly },
  'billing.createPayment': {
    owner: 'tA1',
    input: (i) => ({ billIds: [i.billOpen], clientRequestId: 'matrix-pay-0001' }),
    cells: ownerOnly,
  },
  'billing.paymentStatus': { owner: 'tA1', input: (i) => ({ orderId: i.orderOpen }), cells: ownerOnly },
  'billing.cancelPayment': { owner: 'tA1', input: (i) => ({ orderId: i.orderOpen }), cells: ownerOnly },
  'billing.myPayments': { owner: 'tA1', input: () => ({}), cells: ownList },
  'billing.sandboxPay': { owner: 'tA1', input: (i) => ({ orderId: i.orderOpen }), cells: ownerOnly },
  'billing.arrears': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'billing.ledger': { owner: 'mA', input: (i) => ({ leaseId: i.leaseA1 }), cells: projectStaff },
  'billing.recordEntry': {
    owner: 'mA',
    input: (i) => ({
      billId: i.billOpen,
      kind: 'payment',
      amountFen: 100,
      reason: '现金缴纳',
      clientRequestId: 'matrix-entry-0001',
    }),
    cells: projectStaff,
  },
  'billing.exportMonth': {
    owner: 'mA',
    input: () => ({ period: '2026-11' }),
    cells: { ...projectStaff, managerOther: 'hide' },
  },
  'billing.runMonthly': { owner: 'admin', input: () => ({ period: '2026-12' }), cells: officeOnly },
  'billing.runStatus': {
    owner: 'admin',
    input: () => ({ period: '2026-11' }),
    cells: { ...projectStaff, managerOther: 'hide' },
  },
  'billing.remind': { owner: 'admin', input: () => ({}), cells: staffJob },
  'billing.reconcile': { owner: 'admin', input: () => ({}), cells: staffJob },
  'billing.subsidyPayouts': { owner: 'admin', input: () => ({ period: '2026-11' }), cells: officeOnly },
  'billing.refund': {
    owner: 'mA',
    input: (i) => ({
      orderId: i.orderPaid,
      billId: 'bill-l-a1-2026-10',
      amountFen: 100,
      kind: 'overpayment',
      sourceRef: 'matrix-refund-0001',
      note: '',
    }),
    cells: projectStaff,
  },
  'billing.refunds': { owner: 'mA', input: () => ({}), cells: { ...projectStaff, managerOther: 'hide' } },
  'billing.refundStatus': {
    owner: 'mA',
    input: (i) => ({ refundNo: i.refundA1 }),
    cells: projectStaff,
  },
  'billing.refundCandidates': {
    owner: 'mA',
    input: () => ({}),
    cells: { ...projectStaff, managerOther: 'hide' },
  },
  'billing.billDifferences': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'billing.exportDifferences': { owner: 'admin', input: () => ({}), cells: officeOnly },
  'billing.reconcileTradeBill': {
    owner: 'admin',
    input: () => ({ billDate: '2026-11-20' }),
    cells: officeOnly,
  },

  // ---- repair ----
  'repair.health': { owner: 'tA1', input: () => ({}), cells: anyone('只回答函数在线，不涉及任何数据') },
  'repair.file': {
    owner: 'tA1',
    input: (i) => ({
      kind: 'repair',
      category: 'electricity',
      description: '插座不通电',
      emergency: false,
      preferredTimes: '周末',
      photos: [i.up.repairPhoto],
      clientRequestId: 'matrix-repair-01',
    }),
    cells: { ...ownerOnly, tenantOther: { allow: '为本人家庭报修' } },
  },
  'repair.mine': { owner: 'tA1', input: () => ({}), cells: ownList },
  'repair.detail': { owner: 'tA1', input: (i) => ({ repairId: i.rep.submitted }), cells: ownerOnly },
  'repair.board': { owner: 'mA', input: () => ({}), cells: ownList },
  'repair.assign': {
    owner: 'mA',
    input: (i) => ({ repairId: i.rep.submitted, workerUserId: 'u-wa', visitAt: '2026-11-24T10:00:00+08:00' }),
    cells: ownerOnly,
  },
  'repair.accept': { owner: 'mA', input: (i) => ({ repairId: i.rep.submitted }), cells: ownerOnly },
  'repair.reject': {
    owner: 'mA',
    input: (i) => ({ repairId: i.rep.submitted, reason: '不属于维修范围' }),
    cells: ownerOnly,
  },
  'repair.extendDeadline': {
    owner: 'mA',
    input: (i) => ({ repairId: i.rep.submitted, deadline: '2026-12-31T10:00:00+08:00', reason: '等待配件' }),
    cells: ownerOnly,
  },
  'repair.start': { owner: 'wA', input: (i) => ({ repairId: i.rep.assigned }), cells: ownerOnly },
  'repair.complete': {
    owner: 'wA',
    input: (i) => ({ repairId: i.rep.inProgress, note: '已修好', afterPhotos: [i.up.repairAfter] }),
    cells: ownerOnly,
  },
  'repair.confirm': {
    owner: 'tA1',
    input: (i) => ({ repairId: i.rep.done, good: true, reasons: [] }),
    cells: ownerOnly,
  },
  'repair.reopen': {
    owner: 'tA1',
    input: (i) => ({ repairId: i.rep.done, reason: '还在漏水' }),
    cells: ownerOnly,
  },
  'repair.message': {
    owner: 'tA1',
    input: (i) => ({ repairId: i.rep.submitted, text: '请尽快上门' }),
    cells: ownerOnly,
  },
  'repair.workers': { owner: 'mA', input: (i) => ({ repairId: i.rep.submitted }), cells: ownerOnly },
  'repair.stats': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'repair.exportStats': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'repair.remindDeadlines': { owner: 'mA', input: () => ({}), cells: staffJob },
  'repair.photo': {
    owner: 'tA1',
    input: (i) => ({ repairId: i.rep.submitted, which: 'before', index: 0 }),
    cells: ownerOnly,
  },

  // ---- patrol ----
  'patrol.health': { owner: 'vA', input: () => ({}), cells: anyone('只回答函数在线，不涉及任何数据') },
  'patrol.generatePlan': {
    owner: 'mA',
    input: () => ({ quarter: '2026-Q4', projectIds: ['p-a'] }),
    cells: projectStaff,
  },
  'patrol.addSeasonalPatrol': {
    owner: 'mA',
    input: () => ({
      projectId: 'p-a',
      preset: 'heating_season',
      scope: 'homes',
      startsOn: '2026-11-23',
      dueOn: '2026-12-20',
    }),
    cells: projectStaff,
  },
  'patrol.runs': {
    owner: 'mA',
    input: () => ({ quarter: '2026-Q4' }),
    cells: { ...ownList, admin: { allow: '住房保障部门查看全部巡查' } },
  },
  'patrol.routes': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'patrol.moveRoute': {
    owner: 'mA',
    input: (i) => ({ routeId: i.routeA, volunteerUserId: 'u-va' }),
    cells: projectStaff,
  },
  'patrol.myToday': { owner: 'vA', input: () => ({ date: '2026-11-22' }), cells: ownList },
  'patrol.myRoutes': { owner: 'vA', input: () => ({ quarter: '2026-Q4' }), cells: ownList },
  'patrol.routeVisits': { owner: 'vA', input: (i) => ({ routeId: i.routeA }), cells: projectStaff },
  'patrol.logVisit': {
    owner: 'vA',
    input: (i) => ({
      clientLogId: 'matrix-log-0001',
      visitId: i.visitToDo,
      outcome: 'visited',
      visitedAt: at(1),
      checklist: fullChecklist(),
      notes: '',
      photos: [i.up.visitPhoto],
    }),
    cells: projectStaff,
  },
  'patrol.myLogs': { owner: 'vA', input: () => ({ quarter: '2026-Q4' }), cells: ownList },
  'patrol.logPhoto': { owner: 'vA', input: (i) => ({ logId: i.logId, index: 0 }), cells: projectStaff },
  'patrol.reportHazard': {
    owner: 'vA',
    input: (i) => ({
      clientHazardId: 'matrix-hazard-01',
      visitId: i.visitToDo,
      location: '阳台',
      category: 'wiring',
      severity: 'minor',
      description: '插线板过载',
      reportedAt: at(1),
      photos: [i.up.hazardPhoto],
    }),
    cells: projectStaff,
  },
  'patrol.hazards': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'patrol.assignHazard': {
    owner: 'mA',
    input: (i) => ({ hazardId: i.hz.open, assigneeName: '燃气公司' }),
    cells: projectStaff,
  },
  'patrol.rectifyHazard': {
    owner: 'wA',
    input: (i) => ({ hazardId: i.hz.assigned, note: '已更换', afterPhotos: [i.up.hazardAfter] }),
    cells: projectStaff,
  },
  'patrol.recheckHazard': {
    owner: 'mA',
    input: (i) => ({ hazardId: i.hz.rectified, passed: true }),
    cells: projectStaff,
  },
  'patrol.hazardPhoto': {
    owner: 'vA',
    input: (i) => ({ hazardId: i.hz.open, which: 'before', index: 0 }),
    cells: projectStaff,
  },
  'patrol.careList': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'patrol.careUpsert': {
    owner: 'mA',
    input: () => ({
      householdId: 'h-a1',
      personName: '欧阳甲一',
      reason: '独居老人',
      contacts: [{ name: '女儿', relation: '子女', phone: '13900000000' }],
      cadenceDays: 7,
      volunteerUserId: 'u-va',
      active: true,
    }),
    cells: projectStaff,
  },
  'patrol.careCandidates': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'patrol.careDue': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'patrol.careCheckIn': {
    owner: 'vA',
    input: (i) => ({
      clientCheckinId: 'matrix-care-0001',
      careId: i.careA,
      outcome: 'well',
      channel: 'visit',
      at: at(1),
      note: '',
    }),
    cells: projectStaff,
  },
  'patrol.runCareEscalation': {
    owner: 'mA',
    input: () => ({}),
    cells: { ...projectStaff, managerOther: 'hide' },
  },
  'patrol.coverage': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  'patrol.exportCoverage': { owner: 'mA', input: () => ({ projectId: 'p-a' }), cells: projectStaff },
  // ---- message ----
  'message.health': { owner: 'tA1', input: () => ({}), cells: anyone('只回答函数在线，不涉及任何数据') },
  'message.inbox': { owner: 'tA1', input: () => ({}), cells: ownList },
  'message.unreadCount': { owner: 'tA1', input: () => ({}), cells: ownList },
  'message.markRead': { owner: 'tA1', input: (i) => ({ messageId: i.messageA1 }), cells: ownerOnly },
  'message.subscribeTemplates': {
    owner: 'tA1',
    input: () => ({ moment: 'repair_filed' }),
    cells: anyone('订阅模板编号是运营方的公开配置，不涉及任何人的数据'),
  },
  'message.recordConsent': {
    owner: 'tA1',
    input: () => ({
      clientRequestId: 'consent-matrix-0001',
      results: [{ templateId: 'sandbox-tmpl-repair_update', result: 'accept' }],
    }),
    cells: anyone('只记录调用者本人的订阅次数'),
  },
  'message.alerts': {
    owner: 'mA',
    input: () => ({}),
    cells: { ...ownList, admin: { allow: '住房保障部门查看全部项目的紧急告警' } },
  },
  'message.acknowledgeAlert': {
    owner: 'mA',
    input: (i) => ({ alertId: i.alertA }),
    cells: { ...ownerOnly, admin: { allow: '住房保障部门可确认任何项目的紧急告警' } },
  },
  'message.deliveryStats': { owner: 'admin', input: () => ({}), cells: officeOnly },
};

/** The cell of a persona (a caller with no OPENID is refused everywhere). */
export const cellOf = (row: ActionRow, p: Persona): Cell => (p === 'anonymous' ? 'refuse' : row.cells[p]);
