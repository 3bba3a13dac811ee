import { api } from '../../api/client';
import type { Review, Template } from './words';

const templates = new Map<string, Promise<Template>>();

/** The version of the template a review was scored with (it never changes: asked once). */
export function templateOf(review: Pick<Review, 'template' | 'version'>): Promise<Template> {
  const key = `${review.template}/${review.version}`;
  let found = templates.get(key);
  if (!found) {
    found = api.get('/api/fidelity/templates/{key}/{version}', {
      path: { key: review.template, version: review.version },
    });
    found.catch(() => templates.delete(key));
    templates.set(key, found);
  }
  return found;
}

export async function reviewWithTemplate(id: string): Promise<{ review: Review; template: Template }> {
  const review = await api.get('/api/fidelity/reviews/{review_id}', { path: { review_id: id } });
  return { review, template: await templateOf(review) };
}
