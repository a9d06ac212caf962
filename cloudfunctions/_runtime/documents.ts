import type { HouseholdCategory, HouseholdStatus } from '@shared/rules/household';

/**
 * Stored document shapes shared by the functions and the demo seed. Money in integer fen, areas in m²
 * (two decimals), dates as ISO `YYYY-MM-DD`, instants as ISO strings.
 * Personal data (ID number, phone, income) lives only here and leaves a function only through an
 * output schema that names it for a role allowed to see it (DESIGN.md rule 7).
 */
export interface ProjectDoc {
  _id: string;
  name: string;
  district: string;
  address: string;
  createdAt: string;
}

export interface BuildingDoc {
  _id: string;
  projectId: string;
  name: string;
  floors: number;
  /** Ulanqab Art. 8 allows medium units up to 90 m² in high-rise buildings. */
  highRise: boolean;
}

export interface UnitDoc {
  _id: string;
  projectId: string;
  buildingId: string;
  /** e.g. `3栋-1204` */
  label: string;
  floor: number;
  areaM2: number;
  layout: string;
  orientation: string;
  /** The unit's market rent (Ulanqab Art. 22); what a tenant pays is on the lease. */
  monthlyRentFen: number;
  status: 'vacant' | 'occupied' | 'reserved';
}

export interface HouseholdDoc {
  _id: string;
  headName: string;
  /** Full ID number; masked whenever shown. */
  idNumber: string;
  phone: string;
  size: number;
  category: HouseholdCategory;
  status: HouseholdStatus;
  annualIncomeFen: number;
  /** Date the household's housing-security certificate was issued (waitlist order, Wuchang). */
  certificateDate: string;
  specialCare: { reason: string; contact: string } | null;
  createdAt: string;
}

export interface LeaseDoc {
  _id: string;
  householdId: string;
  unitId: string;
  projectId: string;
  startDate: string;
  endDate: string;
  monthlyRentFen: number;
  status: 'active' | 'ended';
}

export interface BillDoc {
  _id: string;
  leaseId: string;
  householdId: string;
  projectId: string;
  /** `YYYY-MM` */
  period: string;
  amountFen: number;
  paidFen: number;
  status: 'unpaid' | 'partial' | 'paid' | 'waived';
  dueDate: string;
}

export interface ApplicationDoc {
  _id: string;
  householdId: string;
  projectId: string;
  status: string;
  submittedAt: string;
}
