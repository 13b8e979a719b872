/**
 * The monthly circular: drafted at its moment (schedules/circular.ts circularDraftMoment) with
 * its content frozen, sent to the admins as a draft with 发布/暂缓 buttons; once published, to
 * the plan's leads and its leading group (schedules/circular.ts publishCircular).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import { circulars, plans } from '../../db/schema';
import { PLAN_ZONE } from '../../core/zone';
import { monthKey } from '../../core/period-key';
import type { WorkingDayCalendar } from '../../schedules/calendar';
import { circularDraftMoment } from '../../schedules/circular';
import { adminsOf } from '../../schedules/recipients';
import { enqueue } from '../../schedules/enqueue';
import type { Notice } from '../../schedules/notices/notice';
import { buildCircular, type CircularContent } from '../circular-content';
import { circularIsCut, circularKeyboard, renderCircular } from '../circular-text';

export const circularNotice: Notice<'circular' | 'circular-draft'> = {
  grouping: 'alone',
  render({ db, i18n, locale }, [row]) {
    const circular = db.select().from(circulars).where(eq(circulars.id, row!.payload.circularId)).get();
    if (!circular) return null;
    const draft = row!.kind === 'circular-draft';
    // A draft published or held before it reached this admin is no news any more.
    if (draft && circular.status !== 'draft') return null;
    const content = circular.content as CircularContent;
    return {
      text: renderCircular(i18n, locale, content, draft),
      keyboard: circularKeyboard(i18n, locale, circular.id, { draft, withHold: true, cut: circularIsCut(content) }),
    };
  },
  plan: ({ db, calendar, now, admins }) => planCirculars(db, calendar, now, admins),
};

/** Drafts the circulars whose moment has come (this month's and last month's) and sends them to admins. */
export function planCirculars(db: DB, calendar: WorkingDayCalendar, now: Date, configAdmins: readonly number[]): number {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  let drafted = 0;
  for (const plan of db.select({ id: plans.id, createdAt: plans.createdAt }).from(plans).where(isNull(plans.archivedAt)).all()) {
    for (const month of [at.minus({ months: 1 }).startOf('month'), at.startOf('month')]) {
      const key = monthKey(month.year, month.month);
      if (
        db
          .select({ id: circulars.id })
          .from(circulars)
          .where(and(eq(circulars.planId, plan.id), eq(circulars.period, key)))
          .get()
      )
        continue;
      const moment = circularDraftMoment(db, plan.id, month, calendar);
      // Not before its time, and not for months that ended before the plan was imported.
      if (!moment || moment > at || month.plus({ months: 1 }).toJSDate() <= plan.createdAt) continue;
      db.transaction(() => {
        const circular = db
          .insert(circulars)
          .values({ planId: plan.id, period: key, content: buildCircular(db, plan.id, key), createdAt: now, updatedAt: now })
          .returning({ id: circulars.id })
          .get();
        for (const admin of adminsOf(db, configAdmins))
          enqueue(
            db,
            {
              key: { kind: 'circular-draft', personId: admin.personId, circularId: circular.id },
              personId: admin.personId,
              chatId: admin.chatId,
              period: key,
              payload: { circularId: circular.id },
            },
            now,
          );
      });
      drafted++;
    }
  }
  return drafted;
}
