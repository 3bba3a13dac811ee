import { api } from '../../api/client';
import { useResource } from '../../lib/useResource';

/** The clients of the caseload whose monthly conversation is due (their last one is more than
 * a month old, or there has been none), from the coach's week: one request for the list. */
export function useConversationsDue(): Set<string> {
  const week = useResource(() => api.get('/api/week'));
  return new Set((week.data?.conversationsDue ?? []).map((c) => c.ownerId));
}
