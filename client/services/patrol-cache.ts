import Taro from '@tarojs/taro';
import type { CareDueItem, VisitView } from '@shared/contracts';

/**
 * The volunteer's last loaded visits and care residents, kept on the phone so that the visit and check-in
 * pages open without a network (the record itself goes to the outbox, see offline-queue.ts).
 */
const VISITS = 'anju.patrol.visits.v1';
const CARE = 'anju.patrol.care.v1';
const KEEP = 400;

function readMap<T>(key: string): Record<string, T> {
  const raw: unknown = Taro.getStorageSync(key);
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    return JSON.parse(raw) as Record<string, T>;
  } catch {
    return {};
  }
}

function remember<T extends object>(key: string, items: T[], idOf: (t: T) => string): void {
  const map = readMap<T>(key);
  for (const it of items) {
    delete map[idOf(it)]; // re-inserted last: the newest survive the trim below
    map[idOf(it)] = it;
  }
  const ids = Object.keys(map);
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP))) delete map[id];
  try {
    Taro.setStorageSync(key, JSON.stringify(map));
  } catch {
    // Storage full: the pages still work online.
  }
}

export function rememberVisits(visits: VisitView[]): void {
  remember(VISITS, visits, (v) => v.id);
}

export function rememberedVisit(id: string): VisitView | null {
  return readMap<VisitView>(VISITS)[id] ?? null;
}

export function rememberCare(items: CareDueItem[]): void {
  remember(CARE, items, (c) => c.careId);
}

export function rememberedCare(id: string): CareDueItem | null {
  return readMap<CareDueItem>(CARE)[id] ?? null;
}

const TODAY = 'anju.patrol.today.v1';

/** The last `myToday` answer, shown (marked as saved earlier) when the phone is offline. */
export function rememberToday<T>(today: T): void {
  try {
    Taro.setStorageSync(TODAY, JSON.stringify({ savedAt: new Date().toISOString(), today }));
  } catch {
    // Storage full: nothing to show offline.
  }
}

export function rememberedToday<T>(): { savedAt: string; today: T } | null {
  const raw: unknown = Taro.getStorageSync(TODAY);
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return JSON.parse(raw) as { savedAt: string; today: T };
  } catch {
    return null;
  }
}
