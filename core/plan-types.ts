/**
 * What the plan readers produce. Pure data: no database ids, no I/O.
 * The structured rules are stored as JSON beside the original text in the database.
 */

/** A day of a month: a number 1–31 or the month's last day. Days past a short month's end mean its last day. */
export type DayOfMonth = number | 'last';

export type DeadlineRule =
  /** Due on `day` of every month, or only of the listed months (1–12): 每月10日前, 每个双数月15日前, 每年1月15日前. */
  | { kind: 'monthly'; day: DayOfMonth; months: number[] | null }
  /** Due on `day` of each quarter's last month (March, June, September, December): 每季度, 每季度末. */
  | { kind: 'quarterly'; day: DayOfMonth }
  /** Due every week on `weekday` (1 = Monday … 7 = Sunday); `endOfWorkday` for 下班前. */
  | { kind: 'weekly'; weekday: number; endOfWorkday: boolean }
  /** Due once. `year` null when neither the text nor the plan gives one. */
  | { kind: 'once'; year: number | null; month: number; day: DayOfMonth }
  /** Within N days of an event the liaison reports: 七个工作日内 (working days), 5日内 (calendar days). */
  | { kind: 'relative'; days: number; workingDays: boolean }
  /** No fixed date: 及时完成, 长期推进, 实时更新. Followed by the plan's monthly report cycle. */
  | { kind: 'ongoing' };

export interface DeadlineReading {
  /** The text as written (after noise cleaning). */
  text: string;
  recognized: boolean;
  /** Null exactly when not recognized. */
  rule: DeadlineRule | null;
  /**
   * A condition written before the deadline that limits when it applies: "区信用网站投入使用前"
   * in "区信用网站投入使用前,每周周五下班前". Absent when there is none. The rule is read
   * as if the condition always held; the importer flags the requirement for an admin.
   */
  condition?: string;
}

export type QuotaPeriod = 'year' | 'month' | 'once';

export interface Quota {
  target: number;
  /** 例 次 篇 个 家 条 件 场 期 … or % for ratio targets. */
  unit: string;
  period: QuotaPeriod;
  /** `count` for 全年不少于10例, `ratio` for 公示率达到100% / 不低于30%. */
  kind: 'count' | 'ratio';
  /** The words the quota was read from. */
  source: string;
  /**
   * Who the target counts for. `each`: every responsible unit on its own (the default reading);
   * `whole`: the office or area as a whole (全局, 全市, 全区); `per-domain`: each field of work
   * (每个领域, 各领域); `per-district`: each district, county or street (每个区县, 各区县, 每个街道).
   * Readers set it; optional only so that quotas built elsewhere (stored, hand-made) stay valid,
   * and absent means `each`.
   */
  scope?: QuotaScope;
}

export type QuotaScope = 'each' | 'whole' | 'per-domain' | 'per-district';

export type UnitKind =
  | 'division' // 处 / 室 / 科 (处室, 科室)
  | 'branch' // 分中心
  | 'affiliate' // 直属单位
  | 'bureau' // 局 / 委 / 办 (government departments)
  | 'center' // 中心
  | 'enterprise' // 集团 / 公司
  | 'government' // 区政府, 管委会
  | 'other';

/** A reference to every unit of some kind: 中心各处室, 各分中心, 各有关单位 … */
export interface GroupRef {
  name: string;
  /** The kinds of unit the group stands for; null when only an admin can say (各有关单位). */
  kinds: UnitKind[] | null;
  /** True for groups that mean every unit of the plan (领导小组各成员单位). */
  everyUnit: boolean;
}

export interface Responsibility {
  /** Names as written (cleaned): concrete units and group references, in order. */
  lead: string[];
  cooperating: string[];
  /**
   * The 等… phrases that leave the list open (房监科、建工科等科室 → ['等科室']), as written:
   * the units named plus others the plan does not name, for an admin to complete.
   * Absent when the list is closed.
   */
  openEnded?: string[];
}
