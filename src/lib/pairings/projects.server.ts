// Projects carried by a pairing with a village, township or county, and their funds: committed on a day, paid in
// instalments. Kept by whoever manages the pairing's institution; the tallies count the funds (figures.ts).
import { asc, eq, inArray } from 'drizzle-orm';
import { pairingProjects, pairings, projectPayments } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { type Actor, assertAccess } from '../server/auth/scope.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError, NotFoundError } from '../server/errors.ts';
import type { ProjectInput, ProjectPaymentInput } from './projects.ts';

export function addProject(db: Db, { actor, input }: { actor: Actor; input: ProjectInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const pairing = tx.select().from(pairings).where(eq(pairings.id, input.pairingId)).get();
    if (!pairing) throw new NotFoundError();
    assertAccess(actor, pairing.institutionId, 'manage');
    // A household is helped by visits and donations; projects are a village's, a township's or a county's.
    if (pairing.target === 'household') throw new DomainError('project.notForHousehold', null, 409);
    const project = tx
      .insert(pairingProjects)
      .values({ pairingId: pairing.id, name: input.name, committedFen: input.committed, committedOn: input.committedOn, createdBy: actor.userId, createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'create', entity: 'project', entityId: project.id, institutionId: pairing.institutionId, after: project }, now);
    return project;
  });
}

export function recordProjectPayment(db: Db, { actor, input }: { actor: Actor; input: ProjectPaymentInput }, now = Date.now()) {
  return db.transaction((tx) => {
    const row = tx.select({ project: pairingProjects, institutionId: pairings.institutionId }).from(pairingProjects).innerJoin(pairings, eq(pairings.id, pairingProjects.pairingId)).where(eq(pairingProjects.id, input.projectId)).get();
    if (!row) throw new NotFoundError();
    assertAccess(actor, row.institutionId, 'manage');
    if (input.paidOn < row.project.committedOn) throw new DomainError('project.paidBeforeCommitted', 'paidOn');
    const payment = tx
      .insert(projectPayments)
      .values({ projectId: row.project.id, paidOn: input.paidOn, amountFen: input.amount, note: input.note, createdBy: actor.userId, createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor.userId, action: 'pay', entity: 'project', entityId: row.project.id, institutionId: row.institutionId, after: payment }, now);
    return payment;
  });
}

/** A pairing's projects with their payments and what is paid so far; the caller has checked access. */
export function pairingProjectsOf(tx: Tx, pairingId: number) {
  const projects = tx.select().from(pairingProjects).where(eq(pairingProjects.pairingId, pairingId)).orderBy(asc(pairingProjects.committedOn), asc(pairingProjects.id)).all();
  const payments = projects.length === 0 ? [] : tx.select().from(projectPayments).where(inArray(projectPayments.projectId, projects.map((p) => p.id))).orderBy(asc(projectPayments.paidOn)).all();
  return projects.map((project) => {
    const paid = payments.filter((p) => p.projectId === project.id);
    return { ...project, payments: paid, paidFen: paid.reduce((sum, p) => sum + p.amountFen, 0) };
  });
}
