/**
 * Blocked, then back. Telegram tells the bot when a person blocks it (my_chat_member, status
 * "kicked", in their private chat) and when they unblock it ("member"); a person who writes to
 * the bot, presses a button or sends a command in private can be reached too, whatever the bot
 * believed. A block marks them unreachable at once, by the dispatcher's rule (the leads of
 * their units are told once); coming back clears the mark, plans their reminders again and
 * sets their command menu (schedules/reachability.ts says which reminders come).
 *
 * Installed right after the identity is loaded and before anything that answers (the
 * conversations, the features), so a person who comes back with a button press or in the middle
 * of /report counts as back too. Updates of unknown people and of groups pass untouched.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { refreshPersonMenu } from '../commands';
import { markReachable, markUnreachable, type ReachabilityActor } from '../../schedules/reachability';
import type { Person } from '../../db/identity';

export const reachabilityFeature = new Composer<BotContext>();

const actorOf = (person: Person): ReachabilityActor => ({ personId: person.id, label: person.name });

reachabilityFeature.on('my_chat_member', async (ctx, next) => {
  const person = ctx.identity.person;
  if (ctx.chat.type !== 'private' || !person) return next();
  const now = ctx.deps.clock.now();
  const status = ctx.myChatMember.new_chat_member.status;
  if (status === 'kicked') {
    if (markUnreachable(ctx.deps.db, person.id, now, { via: 'my_chat_member', actor: actorOf(person) })) person.unreachableAt = now;
    return;
  }
  if (status === 'member') await comeBack(ctx, 'my_chat_member');
});

reachabilityFeature.use(async (ctx, next) => {
  if (ctx.chat?.type === 'private' && ctx.from?.id === ctx.chat.id && ctx.identity.person?.unreachableAt)
    await comeBack(ctx, ctx.callbackQuery ? 'callback_query' : 'message');
  await next();
});

async function comeBack(ctx: BotContext, via: string): Promise<void> {
  const person = ctx.identity.person;
  if (!person?.unreachableAt) return;
  const { db, clock, config, i18n } = ctx.deps;
  const back = markReachable(db, ctx.deps.calendar(), person.id, clock.now(), { via, actor: actorOf(person) });
  if (!back) return;
  person.unreachableAt = null;
  // Their menu was left alone while they were away: their roles may have changed since.
  const menu = await refreshPersonMenu(ctx.api, db, i18n, config.admins, person.telegramId, { clock });
  if (menu.kind === 'retry')
    console.error(`command menu of Telegram user ${person.telegramId} not set: Telegram did not answer; it is set at the next start`);
}
