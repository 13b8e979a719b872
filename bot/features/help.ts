/** /help: the commands this person may use, with what each does. */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { commandsFor } from '../commands';

export const helpFeature = new Composer<BotContext>();

helpFeature.command('help', (ctx) => {
  const lines = commandsFor(ctx.identity).map((command) => `/${command} — ${ctx.t(`command-${command}`)}`);
  return ctx.reply([ctx.t('help-title'), ...lines].join('\n'));
});
