import type { ExitCaseView } from '@shared/contracts';
import type { StatusTone } from '../components/status-tag';

/** An exit case's status tone: overdue red, ended (vacated or closed) green, in progress amber. */
export function exitStateTone(c: Pick<ExitCaseView, 'state' | 'deadline'>): StatusTone {
  if (c.deadline.overdue) return 'bad';
  return c.state === 'vacated' || c.state === 'closed_no_exit' ? 'ok' : 'warn';
}
