/**
 * The bot's name, description and short description per language (setMyName & co.). Bots
 * commonly set these at start-up; the emulator keeps them so that the calls succeed and can be
 * read back, with Telegram's length limits.
 */
import { badRequest } from '../api-error';
import type { Params } from '../params';
import type { BotState } from '../world';
import type { MethodHandler } from './context';

type ProfileField = 'name' | 'description' | 'short_description';

const LIMITS: Record<ProfileField, number> = { name: 64, description: 512, short_description: 120 };

function languageOf(params: Params): string {
  const language = params.string('language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  return language;
}

function profileOf(bot: BotState, field: ProfileField): Map<string, string> {
  let values = bot.profile.get(field);
  if (values === undefined) {
    values = new Map();
    bot.profile.set(field, values);
  }
  return values;
}

function setter(field: ProfileField): MethodHandler {
  return (context, params) => {
    const value = params.string(field) ?? '';
    if (value.length > LIMITS[field]) throw badRequest(`${field.replace('_', ' ')} is too long`);
    const values = profileOf(context.bot, field);
    const language = languageOf(params);
    if (value === '') values.delete(language);
    else values.set(language, value);
    return true;
  };
}

/** Like Telegram, a language without its own value falls back to the value without a language. */
function getter(field: ProfileField): MethodHandler {
  return (context, params) => {
    const values = profileOf(context.bot, field);
    const fallback = field === 'name' ? context.bot.firstName : '';
    return { [field]: values.get(languageOf(params)) ?? values.get('') ?? fallback };
  };
}

export const setMyName = setter('name');
export const getMyName = getter('name');
export const setMyDescription = setter('description');
export const getMyDescription = getter('description');
export const setMyShortDescription = setter('short_description');
export const getMyShortDescription = getter('short_description');
