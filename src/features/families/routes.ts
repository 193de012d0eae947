/**
 * Relationships and households (P2): the family view and the genogram. The forms that change a
 * family live in relationshipRoutes.ts and householdRoutes.ts, registered from here.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import { personTabs } from '../people/header';
import { relationshipRoutes } from './relationshipRoutes';
import { householdRoutes } from './householdRoutes';
import { actorContext } from './http';

/** Messages shown after a change, chosen by a fixed key (never text from the address). */
const DONE: Record<string, string> = {
  'relationship-added': 'Relationship recorded',
  'relationship-ended': 'Relationship ended',
  'household-created': 'Household recorded',
  'member-added': 'Person added to the household',
  'member-ended': 'Person recorded as having left the household',
};

export async function familiesRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { families } = services;

  app.get('/people/:personId/family', { config: { action: 'person:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const { done } = request.query as { done?: unknown };
    const actor = request.actor!;
    const result = await families.familyView(actorContext(request), personId);
    if (!result) return reply.callNotFound();
    return reply.page('families/views/family.njk', {
      title: `Family and household – ${result.person.name}`,
      person: result.person,
      tabs: personTabs(actor, personId, 'family'),
      family: result.family,
      canEdit: can(actor, 'family:edit'),
      flash: typeof done === 'string' ? DONE[done] : undefined,
    });
  });

  app.get('/people/:personId/genogram.svg', { config: { action: 'person:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const svg = await families.genogram(actorContext(request), personId);
    return reply.type('image/svg+xml; charset=utf-8').header('content-disposition', 'inline; filename="genogram.svg"').send(svg);
  });

  await relationshipRoutes(app, services);
  await householdRoutes(app, services);
}
