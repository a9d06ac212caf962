import { COLLECTIONS, type CollectionName } from '@shared/collections';
import { resolvePolicy, type PolicyPreset } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { cite } from '@shared/policy/sources';
import { quoteRent } from '@shared/rules/rent.rule';
import { repairDeadline } from '@shared/rules/repair-deadline.rule';
import type { RepairDoc } from '../repair/repair.service';
import { commitSeed } from '@shared/rules/lottery.rule';
import type { Role } from '@shared/contracts';
import {
  makeApplication,
  makeBill,
  makeBuilding,
  makeHousehold,
  makeLease,
  makeProject,
  makeUnit,
} from '../../test/factories/housing.factory';
import { createRng } from '../../test/factories/rng';
import { DEMO_STAGES, demoApplication } from './demo-applications';
import type { UserDoc } from '../_runtime/caller';
import { sealIdNumber, type IdKeys } from '../_runtime/id-number';
import { makeChineseName, makeIdNumber } from '../../test/factories/people.factory';
import { DEMO_ID_KEYS } from './local-people.adapter';
import { addExitAndRenewalDemo } from './demo-seed.exit';
import { addVacancyDemo } from './demo-seed.vacancy';
import { announcedRound } from '../allocation/round.service';
import type { DatabasePort } from '../_runtime/db';
import { MAX_TRANSACTION_WRITES } from '../_runtime/platform-limits';
import type {
  ApplicationFormDoc,
  BillDoc,
  BuildingDoc,
  HouseholdDoc,
  LeaseDoc,
  UnitDoc,
} from '../_runtime/documents';
import { PATROL_OPERATOR_DEFAULTS } from '@shared/rules/patrol.rule';
import { quarterOf } from '@shared/rules/dates';
import { chinaDate, chinaDayStart } from '../patrol/patrol.common';
import type { CareDoc } from '../patrol/patrol.documents';
import { newRunDoc, planProjectDocs, quarterlySpecFor } from '../patrol/plan.service';

/**
 * The form a demo application was submitted with: the head (the household's own sealed ID number) and the
 * other members by the household's size, with their own made-up, valid ID numbers sealed the same way.
 * Its own random stream (from the household's index), so the rest of the demo data is as it was.
 */
function demoForm(h: HouseholdDoc, index: number, idKeys: IdKeys): ApplicationFormDoc {
  const rng = createRng(90_000 + index);
  const relations = ['配偶', '子女', '子女', '父母'];
  const surname = h.headName.slice(0, 1);
  const others = relations.slice(0, Math.max(0, h.size - 1)).map((relation, k) => {
    const birthYear =
      relation === '子女'
        ? rng.int(2005, 2020)
        : relation === '父母'
          ? rng.int(1940, 1955)
          : rng.int(1965, 1995);
    const { idNumberCipher, idNumberMasked } = sealIdNumber(makeIdNumber(rng, birthYear), idKeys);
    return {
      name: relation === '配偶' ? makeChineseName(rng) : surname + makeChineseName(rng).slice(1),
      relation,
      idNumberCipher,
      idNumberMasked,
      annualIncomeFen: k === 0 ? Math.round(h.annualIncomeFen * 0.4) : 0,
    };
  });
  const head = {
    name: h.headName,
    relation: '本人',
    idNumberCipher: h.idNumberCipher,
    idNumberMasked: h.idNumberMasked,
    annualIncomeFen: h.annualIncomeFen - others.reduce((s, m) => s + m.annualIncomeFen, 0),
  };
  return {
    category: h.category,
    members: [head, ...others],
    housing: {
      ownedHomeAreaM2: h.ownedHomeAreaM2,
      description: h.ownedHomeAreaM2 > 0 ? '自有住房面积不足' : '租住私房',
    },
    employmentMonths: h.category === 'new_employee' ? h.employmentMonths : null,
    documents: [],
  };
}

/** A demo persona: a seeded user a developer can act as on the local sign-in page. */
export interface Persona {
  id: string;
  openid: string;
  name: string;
  roles: Role[];
  description: string;
}

export const DEMO_SEED_MARKER = 'demo-seed-v1';

/** The demo round's lottery seed (demo only: a real office keeps its seed secret until the draw). */
export const DEMO_ROUND_SEED = 'anju-demo-seed-2026-hexie';

const PROJECTS = [
  {
    _id: 'p-huimin',
    name: '惠民家园',
    address: '武昌区中山路 188 号',
    buildings: 4,
    floors: 11,
    perFloor: 3,
    rentPerM2Fen: 2800,
  },
  {
    _id: 'p-anju',
    name: '安居苑',
    address: '武昌区和平大道 566 号',
    buildings: 3,
    floors: 12,
    perFloor: 3,
    rentPerM2Fen: 2600,
  },
  {
    _id: 'p-hexie',
    name: '和谐新城',
    address: '武昌区友谊大道 1020 号',
    buildings: 3,
    floors: 6,
    perFloor: 4,
    rentPerM2Fen: 2400,
  },
] as const;

/** The district's policy with each project's market rent (m², fen) as the local figure. */
const policies = new Map<string, PolicyPreset>(
  PROJECTS.map((p) => [
    p._id,
    resolvePolicy(WUCHANG_PRESET, {
      rent: {
        marketRentPerM2Fen: {
          value: p.rentPerM2Fen,
          example: true,
          decidedBy: '演示数据：项目所在地段市场租金',
        },
      },
    }),
  ]),
);
const policyFor = (projectId: string) => policies.get(projectId) ?? WUCHANG_PRESET;

function monthsBefore(today: Date, n: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - n, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The demo district, built from the same factories the tests use: 3 projects, ~300 units over 10
 * buildings, ~500 households (applying, waitlisted, tenants, some in arrears, subsidy, exited), bills for
 * the last months, applications, a few repairs and this quarter's patrol plan. Deterministic for a date.
 */
export function buildDemoDataset(
  today: Date,
  idKeys: IdKeys = DEMO_ID_KEYS,
): {
  docs: Record<CollectionName, object[]>;
  personas: Persona[];
} {
  const rng = createRng(20261122);
  const docs = Object.fromEntries(Object.values(COLLECTIONS).map((c) => [c, [] as object[]])) as Record<
    CollectionName,
    object[]
  >;
  const nowIso = today.toISOString();
  const units: UnitDoc[] = [];

  for (const p of PROJECTS) {
    docs.projects.push(
      makeProject({
        _id: p._id,
        name: p.name,
        address: p.address,
        // A demo 服务电话 for one project (a made-up number); the others show 暂无电话 until the office sets one.
        ...(p._id === 'p-huimin' ? { servicePhone: '027-88886666' } : {}),
      }),
    );
    for (let b = 1; b <= p.buildings; b++) {
      const buildingId = `${p._id}-b${b}`;
      docs.buildings.push(
        makeBuilding({
          _id: buildingId,
          projectId: p._id,
          name: `${b}栋`,
          floors: p.floors,
          highRise: p.floors > 9,
        }),
      );
      for (let f = 1; f <= p.floors; f++) {
        for (let r = 1; r <= p.perFloor; r++) {
          const room = `${f}${String(r).padStart(2, '0')}`;
          units.push(
            makeUnit(
              rng,
              {
                _id: `${buildingId}-${room}`,
                projectId: p._id,
                buildingId,
                floor: f,
                label: `${b}栋-${room}`,
              },
              p.rentPerM2Fen,
            ),
          );
        }
      }
    }
  }

  const households: HouseholdDoc[] = [];
  for (let i = 1; i <= 500; i++)
    households.push(makeHousehold(rng, { _id: `h-${String(i).padStart(4, '0')}` }, idKeys));

  // About 78% of the units in every building are let (7 in 9); tenants are the first households.
  const leases: LeaseDoc[] = [];
  const bills: BillDoc[] = [];
  let tenants = 0;
  units.forEach((unit, u) => {
    if ((u * 7) % 9 === 0 || (u * 7) % 9 === 4) return;
    const i = tenants++;
    const household = households[i] as HouseholdDoc;
    unit.status = 'occupied';
    household.status = 'tenant';
    const startYear = 2022 + (i % 4);
    const lease = makeLease({
      _id: `l-${household._id}`,
      householdId: household._id,
      unitId: unit._id,
      projectId: unit.projectId,
      // Below the market rent, tiered by the household's income (the district's rent rules).
      monthlyRentFen: quoteRent(
        {
          areaM2: unit.areaM2,
          monthlyIncomePerPersonFen: Math.round(household.annualIncomeFen / 12 / household.size),
        },
        policyFor(unit.projectId),
      ).monthlyRentFen,
      startDate: `${startYear}-0${1 + (i % 9)}-01`,
      endDate: `${startYear + 3}-0${1 + (i % 9)}-01`,
    });
    if (lease.endDate < today.toISOString().slice(0, 10))
      lease.endDate = `${today.getUTCFullYear() + 1}-0${1 + (i % 9)}-01`;
    leases.push(lease);
    // Every ninth tenant is behind by 1 to 7 months; every seventh has not yet paid this month's rent.
    const arrearsMonths = i % 9 === 4 ? 1 + (i % 7) : 0;
    const months = Math.max(3, arrearsMonths);
    for (let m = months - 1; m >= 0; m--) {
      const period = monthsBefore(today, m);
      const paid = m >= arrearsMonths && !(m === 0 && i % 7 === 3);
      bills.push(
        makeBill({
          _id: `bill-${lease._id}-${period}`,
          leaseId: lease._id,
          householdId: household._id,
          projectId: lease.projectId,
          period,
          buildingId: unit.buildingId,
          unitId: unit._id,
          amountFen: lease.monthlyRentFen,
          lines: [
            {
              kind: 'rent',
              label: '租金',
              amountFen: lease.monthlyRentFen,
              clause: cite(policyFor(unit.projectId), 'rent.tiers'),
            },
          ],
          entries: paid
            ? [
                {
                  id: `seed-pay-${lease._id}-${period}`,
                  kind: 'payment',
                  deltaFen: -lease.monthlyRentFen,
                  method: 'offline',
                  ref: '',
                  reason: '线下缴费',
                  actorUserId: 'u-manager',
                  at: `${period}-10T02:00:00.000Z`,
                },
              ]
            : [],
          status: paid ? 'paid' : 'unpaid',
        }),
      );
    }
  });

  let applyingSeen = 0;
  households.forEach((h, i) => {
    if (h.status === 'tenant') {
      if (i % 23 === 0)
        h.specialCare = {
          reason: '70岁以上独居老人',
          contact: '子女 ' + h.phone.slice(0, 3) + '****' + h.phone.slice(-4),
        };
      return;
    }
    h.status = i < 380 ? 'waitlisted' : i < 470 ? 'applying' : i < 490 ? 'subsidy' : 'exited';
    // 惠州: subsidy households rent on the market; their rent caps the subsidy.
    if (h.status === 'subsidy') h.marketHomeRentFen = 80_000 + (i % 5) * 15_000;
    // Exited households: half left six years ago (past the retention period, erased by its timer job).
    if (h.status === 'exited') h.exitedOn = `${today.getUTCFullYear() - (i % 2 === 0 ? 6 : 1)}-06-30`;
    if (h.status === 'waitlisted' || h.status === 'applying') {
      // The draw is kept so that the rest of the district stays as it was; the stage comes from the cycle.
      const drawn = h.status === 'applying' ? rng.pick(['initial_review', 'final_notice'] as const) : null;
      docs.applications.push(
        drawn
          ? // Applications at every stage of 三审三公示 (demo-applications.ts), with the form as submitted.
            {
              ...demoApplication(
                `app-${h._id}`,
                h._id,
                PROJECTS[i % 3]!._id,
                DEMO_STAGES[applyingSeen++ % DEMO_STAGES.length]!,
                today,
              ),
              form: demoForm(h as HouseholdDoc, i, idKeys),
            }
          : makeApplication({
              _id: `app-${h._id}`,
              householdId: h._id,
              projectId: PROJECTS[i % 3]!._id,
              status: 'approved',
            }),
      );
    }
  });

  // The applicant persona whose application was returned for more material (demo-applications.ts).
  const returnedApp = (
    docs.applications as { status: string; householdId: string; applicantUserId?: string }[]
  ).find((a) => a.status === 'returned')!;
  returnedApp.applicantUserId = 'u-applicant-review';
  const returnedHousehold = households.find((h) => h._id === returnedApp.householdId) as HouseholdDoc;
  const tenantA = households[0] as HouseholdDoc; // paid up
  const tenantB = households.find((_, i) => i % 9 === 4 && i < tenants && 1 + (i % 7) >= 3) as HouseholdDoc;
  const volunteerHome = households[1] as HouseholdDoc;
  // Two waitlisted households that pass eligibility (Ulanqab Art. 11, 12), to register for the demo round.
  const [applicant, applicant2] = households.filter((h) => h.status === 'waitlisted') as [
    HouseholdDoc,
    HouseholdDoc,
  ];
  Object.assign(applicant, {
    category: 'dibao',
    annualIncomeFen: 14_000_00,
    ownedHomeAreaM2: 0,
    applicantBirthDate: '1975-03-12',
  });
  Object.assign(applicant2, {
    category: 'low_income',
    annualIncomeFen: 30_000_00,
    size: 3,
    ownedHomeAreaM2: 0,
    applicantBirthDate: '1988-09-30',
  });
  docs.rounds.push({
    _id: 'round-demo-hexie',
    ...announcedRound(
      {
        projectId: 'p-hexie',
        title: '和谐新城 2026 年第四批公租房配租',
        description:
          '面向城镇低保、分散供养特困人员和低收入住房困难家庭，按“项目公告—登记—摇号—选房—公示—签约”程序配租。',
        registrationOpensAt: new Date(today.getTime() - 3 * 86_400_000).toISOString(),
        registrationClosesAt: new Date(today.getTime() + 14 * 86_400_000).toISOString(),
        eligibleCategories: ['dibao', 'tekun', 'low_income'],
        seedCommitment: commitSeed(DEMO_ROUND_SEED),
      },
      nowIso,
    ),
  });
  // `phone` (staff): where urgent SMS go (cloudfunctions/_runtime/person-phone.ts); demo numbers, the SMS sandbox
  // shows what would be sent to them.
  const users: (UserDoc & { persona: Omit<Persona, 'id' | 'openid' | 'name' | 'roles'>; phone?: string })[] =
    [
      {
        _id: 'u-tenant',
        openid: 'demo-tenant',
        name: tenantA.headName,
        roles: ['tenant'],
        householdId: tenantA._id,
        createdAt: nowIso,
        persona: { description: '惠民家园租户，租金按时缴纳' },
      },
      {
        _id: 'u-tenant-arrears',
        openid: 'demo-tenant-arrears',
        name: tenantB.headName,
        roles: ['tenant'],
        householdId: tenantB._id,
        createdAt: nowIso,
        persona: { description: '租户，已拖欠数月租金' },
      },
      {
        _id: 'u-applicant',
        openid: 'demo-applicant',
        name: applicant.headName,
        roles: [],
        householdId: applicant._id,
        createdAt: nowIso,
        persona: { description: '已通过三审三公示的轮候家庭（低保），可报名和谐新城配租' },
      },
      {
        _id: 'u-applicant-2',
        openid: 'demo-applicant-2',
        name: applicant2.headName,
        roles: [],
        householdId: applicant2._id,
        createdAt: nowIso,
        persona: { description: '轮候家庭（低收入），可报名和谐新城配租' },
      },
      {
        _id: 'u-applicant-review',
        openid: 'demo-applicant-review',
        name: returnedHousehold.headName,
        roles: [],
        householdId: returnedHousehold._id,
        householdRelation: 'head',
        createdAt: nowIso,
        persona: { description: '申请人，申请在初审中被退回补充材料' },
      },
      {
        _id: 'u-reviewer-community',
        openid: 'demo-reviewer-community',
        name: '王芳',
        roles: ['community_reviewer'],
        createdAt: nowIso,
        persona: { description: '社区初审人员' },
      },
      {
        _id: 'u-reviewer-street',
        openid: 'demo-reviewer-street',
        name: '刘洋',
        roles: ['street_reviewer'],
        createdAt: nowIso,
        persona: { description: '街道复审人员' },
      },
      {
        _id: 'u-reviewer-housing',
        openid: 'demo-reviewer-housing',
        name: '陈静',
        roles: ['housing_reviewer'],
        createdAt: nowIso,
        persona: { description: '住房保障部门终审人员（含复核、轮候名单；部门核查结果由各部门答复）' },
      },
      {
        _id: 'u-department-civil',
        openid: 'demo-department-civil',
        name: '周丽',
        roles: ['department_reviewer'],
        department: 'civil_affairs',
        createdAt: nowIso,
        persona: { description: '民政部门核查人员，答复终审申请的部门并联核查（低保、收入）' },
      },
      {
        _id: 'u-manager',
        openid: 'demo-manager',
        name: '张敏',
        roles: ['manager'],
        projectIds: ['p-huimin', 'p-anju'],
        phone: '13800000001',
        createdAt: nowIso,
        persona: { description: '物业管家，负责惠民家园、安居苑' },
      },
      {
        _id: 'u-volunteer',
        openid: 'demo-volunteer',
        name: volunteerHome.headName,
        roles: ['tenant', 'volunteer'],
        householdId: volunteerHome._id,
        projectIds: ['p-huimin'],
        createdAt: nowIso,
        persona: { description: '租户安全监督员，负责惠民家园 1 栋巡查' },
      },
      {
        _id: 'u-worker',
        openid: 'demo-worker',
        name: '孙强',
        roles: ['worker'],
        projectIds: ['p-huimin', 'p-anju', 'p-hexie'],
        createdAt: nowIso,
        persona: { description: '维修人员' },
      },
      {
        _id: 'u-admin',
        openid: 'demo-admin',
        name: '赵磊',
        roles: ['admin'],
        phone: '13900000002',
        createdAt: nowIso,
        persona: { description: '区住房保障中心工作人员' },
      },
    ];

  // This quarter's patrol plan (武昌 二(三)三), made by the plan job's own planner, and the special-care
  // registry (二(三)四) from the households flagged for special care. Two more volunteers at 惠民家园 and one at
  // 安居苑 share the routes; 和谐新城 has none, so its routes wait for the manager to assign them.
  const extraVolunteers: UserDoc[] = [
    ['u-volunteer-2', 'p-huimin', 40],
    ['u-volunteer-3', 'p-huimin', 41],
    ['u-volunteer-4', 'p-anju', 42],
  ].map(([id, projectId, i]) => ({
    _id: id as string,
    openid: `demo-${(id as string).slice(2)}`,
    name: (households[i as number] as HouseholdDoc).headName,
    roles: ['tenant', 'volunteer'],
    householdId: (households[i as number] as HouseholdDoc)._id,
    projectIds: [projectId as string],
    createdAt: nowIso,
  }));
  docs.users.push(...extraVolunteers);
  const volunteersOf = (projectId: string) =>
    [...users, ...extraVolunteers]
      .filter((u) => u.roles.includes('volunteer') && (u.projectIds ?? []).includes(projectId))
      .map((u) => u._id);
  const todayCn = chinaDate(today.getTime());
  const dayStart = chinaDayStart(todayCn);
  const run = newRunDoc(
    quarterlySpecFor(
      todayCn,
      quarterOf(todayCn),
      PROJECTS.map((p) => p._id),
      'seed',
    ),
    PROJECTS.map((p) => p._id),
    nowIso,
  );
  const leaseOfUnit = new Map(leases.map((l) => [l.unitId, l]));
  const care: CareDoc[] = [];
  households.forEach((h) => {
    const lease = leases.find((l) => l.householdId === h._id);
    const unit = lease && units.find((u) => u._id === lease.unitId);
    if (!h.specialCare || !lease || !unit) return;
    const k = care.length;
    const nextDueAt = dayStart + (k % 3) * 86_400_000 + 10 * 3_600_000;
    care.push({
      _id: `care-${h._id}`,
      householdId: h._id,
      projectId: lease.projectId,
      buildingId: unit.buildingId,
      unitId: unit._id,
      unitLabel: unit.label,
      personName: h.headName,
      reason: h.specialCare.reason,
      contacts: [{ name: '子女', relation: '子女', phone: h.specialCare.contact.split(' ')[1] ?? '' }],
      cadenceDays: WUCHANG_PRESET.patrol.specialCareCadenceDays,
      volunteerUserId: null,
      active: true,
      lastCheckAt: new Date(nextDueAt - 7 * 86_400_000).toISOString(),
      lastOutcome: 'well',
      nextDueAt: new Date(nextDueAt).toISOString(),
      notReachedSince: null,
      escalationKey: null,
      escalatedAt: null,
      createdAt: new Date(dayStart - 30 * 86_400_000).toISOString(),
    });
  });
  for (const p of PROJECTS) {
    const plan = planProjectDocs(run, {
      projectId: p._id,
      buildings: (docs.buildings as BuildingDoc[]).filter((b) => b.projectId === p._id),
      units: units.filter((u) => u.projectId === p._id && u.status === 'occupied' && leaseOfUnit.has(u._id)),
      volunteerIds: volunteersOf(p._id),
      careUnitIds: new Set(care.map((c) => c.unitId)),
      maxUnitsPerRoute: PATROL_OPERATOR_DEFAULTS.maxUnitsPerRoute,
      policy: policyFor(p._id),
    });
    docs.patrol_plans.push(...plan.routes);
    docs.patrol_stops.push(...plan.visits);
    for (const c of care) {
      const route = plan.planned.find((r) => r.unitIds.includes(c.unitId));
      if (route) c.volunteerUserId = route.volunteerUserId;
    }
    run.routes += plan.routes.length;
    run.unassignedRoutes += plan.planned.filter((r) => !r.volunteerUserId).length;
    run.units += plan.planned.reduce((n, r) => n + r.unitIds.length, 0);
    run.publicAreas += plan.planned.filter((r) => r.includesPublicArea).length;
  }
  docs.patrol_runs.push({ ...run, status: 'complete', finishedAt: nowIso });
  docs.care_registry.push(...care);
  // Repairs in several states, shaped as the repair function stores them (deadlines from the policy).
  for (let r = 0; r < 6; r++) {
    const lease = leases[r * 17] as LeaseDoc;
    const category = rng.pick(['water', 'electricity', 'doors_windows', 'walls_ceiling'] as const);
    const status = rng.pick(['submitted', 'assigned', 'done'] as const);
    const submittedAt = today.getTime() - (r + 1) * 86_400_000;
    const repair: Omit<RepairDoc, '_id'> & { _id: string } = {
      _id: `repair-${r + 1}`,
      kind: 'repair',
      category,
      description: rng.pick(['卫生间水管漏水', '客厅插座不通电', '入户门锁损坏', '厨房天花板渗水']),
      emergency: false,
      status,
      householdId: lease.householdId,
      userId: '',
      unitId: lease.unitId,
      projectId: lease.projectId,
      preferredTimes: '工作日晚上',
      deadline: new Date(
        repairDeadline({ category, emergency: false, submittedAt }, WUCHANG_PRESET),
      ).toISOString(),
      workerUserId: status === 'submitted' ? null : 'u-worker',
      visitAt: status === 'submitted' ? null : new Date(submittedAt + 86_400_000).toISOString(),
      photoFileIds: [],
      afterPhotoFileIds: [],
      doneAt: status === 'done' ? new Date(submittedAt + 86_400_000).toISOString() : null,
      rating: null,
      createdAt: new Date(submittedAt).toISOString(),
      events: [
        {
          at: new Date(submittedAt).toISOString(),
          actorUserId: '',
          actorName: '租户',
          action: '已提交',
          note: '',
        },
      ],
    };
    docs.repairs.push(repair);
  }

  // An exit case in progress and renewals due (demo-seed.exit.ts), before the leases and households are added.
  const exitDemo = addExitAndRenewalDemo(docs, {
    today,
    households,
    leases,
    bills,
    skip: [tenantA._id, tenantB._id],
    policyFor,
  });
  // A tenancy the patrol found vacant over 6 months (demo-seed.vacancy.ts): a 连续闲置 case the office can open.
  addVacancyDemo(docs, {
    today,
    leases,
    bills,
    // The personas' and volunteers' own households (docs.users holds the volunteers added with the plan).
    skip: [
      tenantA._id,
      tenantB._id,
      ...[...users, ...(docs.users as UserDoc[])].map((u) => u.householdId ?? ''),
    ],
    policyFor,
  });
  docs.units.push(...units);
  docs.households.push(...households);
  docs.leases.push(...leases);
  docs.bills.push(...bills);
  docs.users.push(...users.map(({ persona: _p, ...u }) => u), ...exitDemo.users);
  const personas = [
    ...users.map((u) => ({ ...u, description: u.persona.description })),
    ...exitDemo.users.map((u) => ({
      ...u,
      description: exitDemo.personas.find((x) => x.userId === u._id)?.description ?? '',
    })),
  ].map((u) => ({
    id: u._id,
    openid: u.openid,
    name: u.name,
    roles: u.roles,
    description: u.description,
  }));
  return { docs, personas };
}

/**
 * Writes the demo district once, in transactions of at most MAX_TRANSACTION_WRITES documents (CloudBase's
 * transaction limit, platform-limits.ts), the marker last. Every document has its fixed `_id` and is
 * written with `set`, so a crash half-way leaves no marker and the next start writes the same documents
 * again under the same ids (nothing twice); a call after the marker writes nothing.
 */
export async function seedDemoData(
  db: DatabasePort,
  today: Date,
  idKeys: IdKeys = DEMO_ID_KEYS,
): Promise<{ seeded: boolean; personas: Persona[] }> {
  const { docs, personas } = buildDemoDataset(today, idKeys);
  const marker = await db.collection(COLLECTIONS.meta).doc(DEMO_SEED_MARKER).get();
  if (marker.data.length > 0) return { seeded: false, personas };
  const writes = Object.entries(docs).flatMap(([collection, list]) =>
    (list as { _id: string }[]).map((doc) => ({ collection, doc })),
  );
  for (let i = 0; i < writes.length; i += MAX_TRANSACTION_WRITES) {
    const batch = writes.slice(i, i + MAX_TRANSACTION_WRITES);
    await db.runTransaction(async (tx) => {
      for (const { collection, doc } of batch) {
        const { _id, ...body } = doc;
        await tx.collection(collection).doc(_id).set(body);
      }
    });
  }
  await db.collection(COLLECTIONS.meta).doc(DEMO_SEED_MARKER).set({ seededAt: today.toISOString() });
  return { seeded: true, personas };
}
