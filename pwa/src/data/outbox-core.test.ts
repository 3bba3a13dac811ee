/**
 * One attempt of an outbox item, as the page and the service worker send it: a JSON write with
 * its Content-Type, a photo as multipart/form-data with the browser left to write the boundary,
 * and the item's one `Idempotency-Key` on every attempt.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from './db';
import { requestOf } from './outbox-core';

const entry = {
  owner: 'coach-1',
  key: 'sw.8d2f0c7e-photo',
  createdAt: 0,
  attempts: 0,
  state: 'waiting' as const,
};

const photo: OutboxItem = {
  ...entry,
  id: 'local-photo',
  kind: 'analysisPhoto',
  method: 'POST',
  path: '/api/jobs/job-1/analysis/photos?caption=The%20back%20door',
  jobId: 'job-1',
  body: { localId: 'local-photo', caption: 'The back door' },
  upload: { field: 'file', blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }), name: 'photo.jpg' },
};

const plan: OutboxItem = {
  ...entry,
  id: 'local-plan',
  kind: 'fadingPlan',
  method: 'PUT',
  path: '/api/clients/c-1/jobs/job-1/fading',
  clientId: 'c-1',
  jobId: 'job-1',
  body: { localId: 'local-plan', steps: [{ fromDate: '2026-12-07', coachHoursPerWeek: 6 }], zone: 'Europe/Helsinki' },
};

describe('requestOf', () => {
  it('sends a photo as multipart/form-data, the file under its field, the boundary left to the browser', async () => {
    const init = requestOf(photo);
    const headers = init.headers as Record<string, string>;
    expect(init.method).toBe('POST');
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('content-type');
    expect(init.body).toBeInstanceOf(FormData);
    const file = (init.body as FormData).get('file') as File;
    expect(file.name).toBe('photo.jpg');
    expect(file.type).toBe('image/jpeg');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    // The note the phone keeps (its localId, the caption) is not a form field: the path has it.
    expect([...(init.body as FormData).keys()]).toEqual(['file']);
  });

  it('sends every attempt under the same Idempotency-Key', () => {
    const first = requestOf(photo).headers as Record<string, string>;
    const again = requestOf(photo).headers as Record<string, string>;
    expect(first['Idempotency-Key']).toBe('sw.8d2f0c7e-photo');
    expect(again['Idempotency-Key']).toBe(first['Idempotency-Key']);
    expect(first['X-Requested-With']).toBe('stepwise');
  });

  it('sends a JSON write as JSON, its localId in the body', () => {
    const init = requestOf(plan);
    expect(init.method).toBe('PUT');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toMatchObject({ localId: 'local-plan', zone: 'Europe/Helsinki' });
  });
});
