import type {
  ApplicationDoc,
  BillDoc,
  BuildingDoc,
  HouseholdDoc,
  LeaseDoc,
  ProjectDoc,
  UnitDoc,
} from '../../cloudfunctions/_runtime/documents';
import { HOUSEHOLD_CATEGORIES } from '../../shared/rules/household';
import { REVIEW_STATES } from '../../shared/rules/review.rule';
import { makeChineseName, makeIdNumber, makePhone } from './people.factory';
import { WUCHANG_PRESET } from '../../shared/policy/presets/district.presets';
import { cite } from '../../shared/policy/sources';
import type { Rng } from './rng';
import { openIdNumber, sealIdNumber, type IdKeys } from '../../cloudfunctions/_runtime/id-number';
import { DEMO_ID_KEYS } from '../../cloudfunctions/_local/local-people.adapter';

/**
 * Named factories for the stored documents. Tests build small worlds from them; the demo seed builds the
 * district. Every factory takes explicit overrides so a test states only what it cares about.
 */
export function makeProject(overrides: Partial<ProjectDoc> & Pick<ProjectDoc, '_id' | 'name'>): ProjectDoc {
  return {
    district: '武汉市武昌区',
    address: '武昌区示例路 1 号',
    createdAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function makeBuilding(
  overrides: Partial<BuildingDoc> & Pick<BuildingDoc, '_id' | 'projectId'>,
): BuildingDoc {
  return { name: '1栋', floors: 18, highRise: true, ...overrides };
}

const LAYOUTS: [string, number, number][] = [
  ['一室一厅', 30, 42],
  ['两室一厅', 43, 49],
  ['两室两厅', 50, 60],
];
const ORIENTATIONS = ['南', '南北通透', '东南', '西南', '东', '西'];

/**
 * A unit with a real-looking area (m², two decimals) and its market rent at `rentPerM2Fen` per m² per month,
 * rounded half up to the fen. Mostly small units, a few medium ones (Ulanqab Art. 8).
 */
export function makeUnit(
  rng: Rng,
  overrides: Partial<UnitDoc> & Pick<UnitDoc, '_id' | 'projectId' | 'buildingId' | 'floor' | 'label'>,
  rentPerM2Fen = 1000,
): UnitDoc {
  const [layout, min, max] = rng.chance(0.1)
    ? (LAYOUTS[2] as [string, number, number])
    : rng.pick(LAYOUTS.slice(0, 2));
  const areaM2 = Math.round((min + rng.next() * (max - min)) * 100) / 100;
  return {
    areaM2,
    layout,
    orientation: rng.pick(ORIENTATIONS),
    monthlyRentFen: Math.round(areaM2 * rentPerM2Fen),
    status: 'vacant',
    ...overrides,
  };
}

/**
 * A household as the office holds it. The head's ID number (`idNumber`, or a made-up valid one) is stored
 * sealed with `keys` (the local host's demo keys unless given), never in plain text; `plainIdNumberOf`
 * opens it again for tests.
 */
export function makeHousehold(
  rng: Rng,
  overrides: Partial<HouseholdDoc> & Pick<HouseholdDoc, '_id'> & { idNumber?: string },
  keys: IdKeys = DEMO_ID_KEYS,
): HouseholdDoc {
  const { idNumber, ...rest } = overrides;
  const category = overrides.category ?? rng.pick(HOUSEHOLD_CATEGORIES);
  const size = rng.int(1, 5);
  const birthYear = rng.int(1950, 2000);
  const made = makeIdNumber(rng, birthYear);
  return {
    headName: makeChineseName(rng),
    ...sealIdNumber(idNumber ?? made, keys),
    phone: makePhone(rng),
    size,
    category,
    status: 'applying',
    annualIncomeFen:
      category === 'dibao' || category === 'tekun'
        ? rng.int(8_000, 15_000) * 100
        : rng.int(20_000, 60_000) * 100,
    certificateDate: `20${rng.int(18, 25)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    specialCare: null,
    applicantBirthDate: `${birthYear}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    ownedHomeAreaM2: rng.chance(0.8) ? 0 : rng.int(10, 30),
    employmentMonths: rng.int(6, 120),
    rentsLowRentUnit: false,
    lastDisqualifiedOn: null,
    priority: {
      solitaryElderly: birthYear < 1956 && size === 1,
      seriousIllnessOrDisabilityWithoutIncome: rng.chance(0.04),
      entitledGroup: rng.chance(0.03),
      localPriority: false,
    },
    createdAt: '2024-01-01T00:00:00.000Z',
    ...rest,
  };
}

/** The head's ID number of a household made by `makeHousehold` (tests: "this number never leaks"). */
export const plainIdNumberOf = (h: HouseholdDoc, keys: IdKeys = DEMO_ID_KEYS): string =>
  openIdNumber(h.idNumberCipher, keys);

export function makeLease(
  overrides: Partial<LeaseDoc> &
    Pick<LeaseDoc, '_id' | 'householdId' | 'unitId' | 'projectId' | 'monthlyRentFen'>,
): LeaseDoc {
  return { startDate: '2024-01-01', endDate: '2026-12-31', status: 'active', ...overrides };
}

export function makeBill(
  overrides: Partial<BillDoc> &
    Pick<BillDoc, '_id' | 'leaseId' | 'householdId' | 'projectId' | 'period' | 'amountFen'>,
): BillDoc {
  return {
    buildingId: '',
    unitId: '',
    // The local host's default district is Wuchang: its bills cite Wuchang's own source for rent.
    lines: [
      {
        kind: 'rent',
        label: '租金',
        amountFen: overrides.amountFen,
        clause: cite(WUCHANG_PRESET, 'rent.tiers'),
      },
    ],
    entries: [],
    status: 'unpaid',
    dueDate: `${overrides.period}-15`,
    createdAt: `${overrides.period}-01T00:00:00.000Z`,
    ...overrides,
  };
}

export function makeApplication(
  overrides: Partial<ApplicationDoc> & Pick<ApplicationDoc, '_id' | 'householdId' | 'projectId'>,
): ApplicationDoc {
  const status = overrides.status ?? 'submitted';
  // The stages passed on the way to `status`, a week apart (三审三公示, Ulanqab Art. 13); a refused
  // application went through every review up to the final one and was refused there.
  const path =
    status === 'rejected'
      ? [...REVIEW_STATES.slice(0, REVIEW_STATES.indexOf('final_review') + 1), 'rejected' as const]
      : REVIEW_STATES.slice(0, REVIEW_STATES.indexOf(status) + 1).filter((s) => s !== 'rejected');
  const history = path.map((state, i) => ({
    state,
    at: new Date(Date.UTC(2026, 8, 1 + i * 7, 8)).toISOString(),
  }));
  return { status, submittedAt: '2026-09-01T08:00:00.000Z', history, ...overrides };
}
