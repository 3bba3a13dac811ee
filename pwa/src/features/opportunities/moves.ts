/**
 * Job finding's writes, each kept on the phone first and sent once by the outbox (a phone-made
 * `localId`, and an `Idempotency-Key` per write): an opportunity added, a step moved, a contact
 * logged. Each answers whether it reached the server now, or waits for signal.
 */
import type { Schemas } from '../../api/client';
import { enqueue, sentSoon } from '../../data/outbox';
import { browserZone } from '../shifts/words';

export async function addOpportunity(
  clientId: string,
  fields: Omit<Schemas['OpportunityCreate'], 'localId' | 'zone'>,
): Promise<boolean> {
  const body: Schemas['OpportunityCreate'] = { localId: crypto.randomUUID(), zone: browserZone(), ...fields };
  await enqueue({ kind: 'opportunity', clientId, path: `/api/clients/${clientId}/opportunities`, body });
  return sentSoon(body.localId);
}

export async function moveStep(
  opportunityId: string,
  fields: Omit<Schemas['StepMove'], 'localId' | 'zone'>,
): Promise<boolean> {
  const body: Schemas['StepMove'] = { localId: crypto.randomUUID(), zone: browserZone(), ...fields };
  await enqueue({ kind: 'opportunityStep', opportunityId, path: `/api/opportunities/${opportunityId}/steps`, body });
  return sentSoon(body.localId);
}

export async function logContact(
  opportunityId: string,
  fields: Omit<Schemas['ContactCreate'], 'localId'>,
): Promise<boolean> {
  const body: Schemas['ContactCreate'] = { localId: crypto.randomUUID(), ...fields };
  await enqueue({ kind: 'opportunityContact', opportunityId, path: `/api/opportunities/${opportunityId}/contacts`, body });
  return sentSoon(body.localId);
}
