/**
 * The weekly summary as sent (planned by schedules/weekly.ts): to a leading group, its plan
 * alone; to a lead, their plans and units, plan by plan; with its charts.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../../db';
import { people } from '../../db/schema';
import type { Translator } from '../../core/translate';
import type { OutboxPayload } from '../../core/outbox-kind';
import { loadIdentity } from '../../db/identity';
import type { WorkingDayCalendar } from '../../schedules/calendar';
import { planScope, scopeOf, type PlanScope } from '../../schedules/scope';
import { planWeeklySummaries } from '../../schedules/weekly';
import type { Notice } from '../../schedules/notices/notice';
import { buildSummary } from '../summary';
import { renderSummary } from '../summary-text';
import { summaryCharts } from '../summary-charts';

export const weeklySummaryNotice: Notice<'weekly-summary'> = {
  grouping: 'alone',
  render({ db, i18n, calendar, locale, now }, [row]) {
    const weekly = weeklySummaryMessage(db, i18n, calendar, row!, locale, now);
    return weekly && { ...weekly, keyboard: null };
  },
  plan: ({ db, calendar, now }) => planWeeklySummaries(db, calendar, now),
};

/**
 * What a weekly summary covers: the plan of a leading group's row (`planId`), or the lead's
 * scope; with the words for its scope line (empty for "all units"). Null when the person is gone.
 */
export function weeklySummaryScope(
  db: DB,
  row: { personId: number | null; payload: OutboxPayload<'weekly-summary'> },
): { plans: PlanScope[]; label: string[] } | null {
  const { planId } = row.payload;
  if (planId !== undefined) {
    const scope = planScope(db, planId);
    return { plans: scope, label: scope.map((p) => p.title) };
  }
  const person = db
    .select({ telegramId: people.telegramId })
    .from(people)
    .where(eq(people.id, row.personId ?? -1))
    .get();
  if (!person) return null;
  const scope = scopeOf(db, loadIdentity(db, person.telegramId, []));
  return { plans: scope.plans, label: scope.label };
}

/**
 * The weekly summary of an outbox row as sent: its text (HTML) and charts, plan by plan.
 * Null when there is nothing to summarise (an archived plan, a lead with no live plan or unit).
 */
export function weeklySummaryMessage(
  db: DB,
  i18n: Translator,
  calendar: WorkingDayCalendar,
  row: { personId: number | null; payload: OutboxPayload<'weekly-summary'> },
  locale: string,
  now: Date,
): { text: string; pictures: () => Promise<Buffer[]> } | null {
  const scope = weeklySummaryScope(db, row);
  if (!scope || scope.plans.length === 0) return null;
  const summary = buildSummary(db, scope.plans, now, calendar);
  return {
    text: renderSummary(i18n, locale, summary, scope.label.join('、') || i18n.t(locale, 'summary-scope-all')),
    pictures: () => summaryCharts(summary, locale),
  };
}
