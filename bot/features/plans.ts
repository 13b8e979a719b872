/** /plans (admins): the imported plans, with their size. */
import { Composer } from 'grammy';
import { and, count, countDistinct, eq, isNull } from 'drizzle-orm';
import type { BotContext } from '../context';
import { escapeHtml } from '../format';
import { planUnits, plans, requirements, tasks } from '../../db/schema';
import { replyInParts } from '../../schedules/long-message';

export const plansFeature = new Composer<BotContext>();

plansFeature.command('plans', async (ctx) => {
  if (!ctx.identity.admin) return ctx.reply(ctx.t('common-not-allowed'));
  const { db } = ctx.deps;
  const rows = db.select().from(plans).where(isNull(plans.archivedAt)).orderBy(plans.id).all();
  if (rows.length === 0) return ctx.reply(ctx.t('plans-none'));
  const lines = [ctx.t('plans-title')];
  for (const plan of rows) {
    const size = db
      .select({ tasks: countDistinct(tasks.id), requirements: count(requirements.id) })
      .from(tasks)
      .leftJoin(requirements, and(eq(requirements.taskId, tasks.id), isNull(requirements.archivedAt)))
      .where(and(eq(tasks.planId, plan.id), isNull(tasks.archivedAt)))
      .get()!;
    const unitCount = db.select({ n: count() }).from(planUnits).where(eq(planUnits.planId, plan.id)).get()!.n;
    lines.push(
      ctx.t('plans-item', {
        title: escapeHtml(plan.title ?? ctx.t('plans-untitled')),
        year: plan.year === null ? ctx.t('plans-no-year') : String(plan.year),
        tasks: size.tasks,
        requirements: size.requirements,
        units: unitCount,
      }),
    );
  }
  await replyInParts(ctx, lines.join('\n'), { parse_mode: 'HTML' });
});
