/**
 * What a ledger export may be asked for, and the checks that turn a bad request into a
 * clear error before any database work starts.
 */

export type LedgerLocale = 'zh-CN' | 'en';

/** A plan to export and the units it shows (every unit of the plan when `unitIds` is undefined). */
export interface LedgerPlanScope {
  planId: number;
  unitIds?: readonly number[];
}

export interface LedgerOptions {
  /** One plan (live or archived). Default: every live plan, one sheet pair each, in id order. */
  planId?: number;
  /**
   * A lead's scope, plan by plan: these plans in this order, each showing only its own units
   * (a unit shared with a plan not listed brings none of that plan's rows). Instead of `planId`
   * and `unitIds`.
   */
  plans?: readonly LedgerPlanScope[];
  /** "YYYY-MM": only that month's progress column and the reports that fall in it. */
  period?: string;
  /** A lead's scope: only these units' rows and reports. Undefined means every unit. */
  unitIds?: number[];
  /** The instant the ledger is "as of": which periods are due, missing or not yet due. */
  now: Date;
  /** Language of headers and labels; the plan's own text is never translated. Default zh-CN. */
  locale?: LedgerLocale;
}

/** A request the ledger cannot honour; the message names the option at fault. */
export class LedgerOptionsError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = 'LedgerOptionsError';
  }
}

const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** Throws unless `period` is a real month written YYYY-MM. */
export function checkPeriod(period: string): void {
  const match = MONTH_KEY.exec(period);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new LedgerOptionsError('period', `expected a month written YYYY-MM (such as 2026-03), got ${JSON.stringify(period)}`);
  }
}

/** The options with defaults applied, or a LedgerOptionsError naming the first bad one. */
export function checkLedgerOptions(options: LedgerOptions): LedgerOptions & { locale: LedgerLocale } {
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new LedgerOptionsError('now', 'expected a valid Date');
  }
  if (options.period !== undefined) checkPeriod(options.period);
  if (options.planId !== undefined && !(Number.isInteger(options.planId) && options.planId > 0)) {
    throw new LedgerOptionsError('planId', `expected a positive integer, got ${String(options.planId)}`);
  }
  const ids = (list: readonly number[]) => list.every((id) => Number.isInteger(id) && id > 0);
  if (options.unitIds !== undefined && !ids(options.unitIds)) {
    throw new LedgerOptionsError('unitIds', 'expected positive integer unit ids');
  }
  if (options.plans !== undefined) {
    if (options.planId !== undefined || options.unitIds !== undefined)
      throw new LedgerOptionsError('plans', 'give either plans, or planId and unitIds');
    if (options.plans.length === 0) throw new LedgerOptionsError('plans', 'expected at least one plan');
    if (!ids(options.plans.map((p) => p.planId))) throw new LedgerOptionsError('plans', 'expected positive integer plan ids');
    if (new Set(options.plans.map((p) => p.planId)).size !== options.plans.length)
      throw new LedgerOptionsError('plans', 'a plan is listed twice');
    if (!options.plans.every((p) => p.unitIds === undefined || ids(p.unitIds)))
      throw new LedgerOptionsError('plans', 'expected positive integer unit ids');
  }
  const locale = options.locale ?? 'zh-CN';
  if (locale !== 'zh-CN' && locale !== 'en') {
    throw new LedgerOptionsError('locale', `expected zh-CN or en, got ${JSON.stringify(locale)}`);
  }
  return { ...options, locale };
}
