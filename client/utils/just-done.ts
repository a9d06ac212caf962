/**
 * What the person has just finished on this phone (issue #19: a success page after submitting), so the
 * page opened next can say so once. In memory: a page reopened later shows no banner.
 */
const done = new Set<string>();

export function markJustDone(key: string): void {
  done.add(key);
}

/** True once after markJustDone(key). */
export function takeJustDone(key: string): boolean {
  return done.delete(key);
}
