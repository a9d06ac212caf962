import { COLLECTIONS, type CollectionName } from '@shared/collections';
import { resolvePolicy, type PolicyPreset } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
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
import type { UserDoc } from '../_runtime/caller';
import { announcedRound } from '../allocation/round.service';
import type { DatabasePort } from '../_runtime/db';
import type { BillDoc, HouseholdDoc, LeaseDoc, UnitDoc } from '../_runtime/documents';

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
export function buildDemoDataset(today: Date): {
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
    docs.projects.push(makeProject({ _id: p._id, name: p.name, address: p.address }));
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
    households.push(makeHousehold(rng, { _id: `h-${String(i).padStart(4, '0')}` }));

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
      // Ulanqab Art. 21, 22: below the market rent, tiered by the household's income.
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
          amountFen: lease.monthlyRentFen,
          paidFen: paid ? lease.monthlyRentFen : 0,
          status: paid ? 'paid' : 'unpaid',
        }),
      );
    }
  });

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
    if (h.status === 'waitlisted' || h.status === 'applying') {
      docs.applications.push(
        makeApplication({
          _id: `app-${h._id}`,
          householdId: h._id,
          projectId: PROJECTS[i % 3]!._id,
          status:
            h.status === 'waitlisted'
              ? 'approved'
              : rng.pick([
                  'initial_review',
                  'initial_notice',
                  'second_review',
                  'second_notice',
                  'final_review',
                  'final_notice',
                ] as const),
        }),
      );
    }
  });

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
  const users: (UserDoc & { persona: Omit<Persona, 'id' | 'openid' | 'name' | 'roles'> })[] = [
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
      persona: { description: '轮候家庭（低保），可报名和谐新城配租' },
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
      _id: 'u-manager',
      openid: 'demo-manager',
      name: '张敏',
      roles: ['manager'],
      projectIds: ['p-huimin', 'p-anju'],
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
      createdAt: nowIso,
      persona: { description: '区住房保障中心工作人员' },
    },
  ];

  const quarter = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
  const route = units.filter((u) => u.buildingId === 'p-huimin-b1' && u.status === 'occupied');
  const careUnitIds = route.filter((u) => households[units.indexOf(u)]?.specialCare).map((u) => u._id);
  docs.patrol_plans.push({
    _id: `plan-${quarter}-p-huimin-b1`,
    quarter,
    projectId: 'p-huimin',
    buildingId: 'p-huimin-b1',
    volunteerUserId: 'u-volunteer',
    unitIds: route.map((u) => u._id),
    specialCareUnitIds: careUnitIds,
  });
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
      photoKeys: [],
      afterPhotoKeys: [],
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

  docs.units.push(...units);
  docs.households.push(...households);
  docs.leases.push(...leases);
  docs.bills.push(...bills);
  docs.users.push(...users.map(({ persona: _p, ...u }) => u));
  const personas = users.map((u) => ({
    id: u._id,
    openid: u.openid,
    name: u.name,
    roles: u.roles,
    description: u.persona.description,
  }));
  return { docs, personas };
}

/**
 * Writes the demo district once. All of it is written in one transaction together with the marker, so
 * a crash half-way leaves nothing and the next start seeds again; a second call finds the marker and
 * writes nothing.
 */
export async function seedDemoData(
  db: DatabasePort,
  today: Date,
): Promise<{ seeded: boolean; personas: Persona[] }> {
  const { docs, personas } = buildDemoDataset(today);
  const marker = await db.collection(COLLECTIONS.meta).doc(DEMO_SEED_MARKER).get();
  if (marker.data.length > 0) return { seeded: false, personas };
  await db.runTransaction(async (tx) => {
    for (const [collection, list] of Object.entries(docs)) {
      for (const doc of list) await tx.collection(collection).add(doc);
    }
    await tx.collection(COLLECTIONS.meta).doc(DEMO_SEED_MARKER).set({ seededAt: today.toISOString() });
  });
  return { seeded: true, personas };
}
