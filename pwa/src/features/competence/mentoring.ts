/**
 * Whom the signed-in person logs visits and simulations of: a coordinator or an administrator,
 * the coaches of the team (its matrix); a coach, the coaches they mentor in the field now (a
 * field mentor reaches only them). The framework comes with it, for the competences and levels.
 */
import { api, type Schemas } from '../../api/client';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';

export interface Mentorable {
  people: { personId: string; displayName: string }[];
  framework: Schemas['Framework'];
}

export function useMentorable(team?: string) {
  const me = useMe();
  return useResource(async (): Promise<Mentorable> => {
    if (me.role !== 'coach') {
      const matrix = await api.get('/api/competence/matrix', { query: { team } });
      return {
        people: matrix.people.map((p) => ({ personId: p.personId, displayName: p.displayName })),
        framework: matrix.framework,
      };
    }
    const [mentees, own] = await Promise.all([api.get('/api/competence/mentees'), api.get('/api/competence/record')]);
    return {
      people: mentees.map((m) => ({ personId: m.personId, displayName: m.personName })),
      framework: own.framework,
    };
  }, [team, me.role]);
}
