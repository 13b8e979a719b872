/** A lead: a liaison of theirs cannot be reached (blocked the bot, account deleted or never met). */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../../db';
import { people, roles, units } from '../../db/schema';
import { escapeHtml } from '../../core/format';
import { unreachableReason } from '../reachability';
import type { Notice } from './notice';

export const unreachableNotice: Notice<'unreachable'> = {
  grouping: 'alone',
  render({ db, t }, [row]) {
    const person = db.select().from(people).where(eq(people.id, row!.payload.personId)).get();
    if (!person) return null;
    const served = db
      .select({ name: units.name })
      .from(roles)
      .innerJoin(units, eq(units.id, roles.unitId))
      .where(and(eq(roles.personId, person.id), eq(roles.role, 'liaison')))
      .all()
      .map((u) => u.name);
    return {
      text: t(noticeFor(db, person.id, row!.createdAt), { person: escapeHtml(person.name), units: escapeHtml(served.join('、')) }),
      keyboard: null,
    };
  },
};

/** The lead's notice fits why the person cannot be reached (schedules/reachability.ts). */
const NOTICE_BY_REASON = {
  blocked: 'reminder-unreachable',
  deactivated: 'reminder-unreachable-deactivated',
  'not-found': 'reminder-unreachable-not-found',
} as const;

function noticeFor(db: DB, personId: number, markedAt: Date): string {
  return NOTICE_BY_REASON[unreachableReason(db, personId, markedAt)];
}
