/**
 * Problems as people read them, for tests: worded from the locales by the bot's i18n, as the
 * command line (English) and the bot (each reader's language) word them.
 */
import { createI18n } from '../../bot/i18n';
import { PlanInputError } from '../../plans/errors';
import { wordLocation, wordProblem, wordProblemMessage, type PlanProblem, type Translate } from '../../plans/problems';

const i18n = createI18n();
export const english: Translate = (key, args) => i18n.t('en', key, args);
export const chinese: Translate = (key, args) => i18n.t('zh-CN', key, args);

/** A problem as the command line's JSON words it: where, and what. */
export function inEnglish(problem: PlanProblem): { where: string; message: string } {
  return { where: wordLocation(english, problem.where), message: wordProblemMessage(english, problem) };
}

/** A refusal as the command line prints it: "plan.csv: the file is empty". */
export function refusalInEnglish(error: unknown): string {
  if (!(error instanceof PlanInputError)) throw new Error(`not a PlanInputError: ${String(error)}`);
  return wordProblem(english, error.problem);
}
