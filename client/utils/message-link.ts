import type { MessageLink } from '@shared/contracts';

/** The page a message or alert opens: the record it is about (a bill, a repair, a round, …). */
export function linkUrl(link: MessageLink | null): string | null {
  if (!link) return null;
  return `/pages/${link.page}/index${link.id ? `?id=${encodeURIComponent(link.id)}` : ''}`;
}
