/**
 * Reads responsibility expressions (责任处室 / 牵头单位 cells, (责任单位:…) clauses) into lead
 * and cooperating units, recognises group references (中心各处室, 各有关单位 …) and
 * expands them against a plan's units.
 *
 *   政策法规处牵头,中心各处室、各分中心、各直属单位配合   → lead 政策法规处; cooperating the three groups
 *   牵头单位:区发改局责任单位:区委办、区政府办            → lead 区发改局; cooperating 区委办, 区政府办
 *   市委编办,市民政局、司法局                              → all three lead (no role words: all responsible)
 *
 * Names are kept as written (after noise cleaning): 司法局 stays 司法局 even beside 市民政局;
 * merging obvious aliases is an admin's decision, offered by `aliasCandidates`.
 */
import { cleanLines, cleanText } from './normalize';
import type { GroupRef, Responsibility, UnitKind } from './types';

type Role = 'lead' | 'cooperating';

const LEAD_LABEL = /(?:牵头单位|牵头科室|牵头处室|牵头部门)[::]?/;
const RESPONSIBLE_LABEL = /(?:责任单位|责任处室|责任科室|责任部门|负责单位|承办单位)[::]?/;
const COOPERATING_LABEL = /(?:配合单位|配合科室|配合处室|配合部门|协办单位|参与单位)[::]?/;
const ANY_LABEL = new RegExp(`(${LEAD_LABEL.source}|${RESPONSIBLE_LABEL.source}|${COOPERATING_LABEL.source})`, 'g');

/** Role words closing a run of names: X牵头, Y配合. */
const ROLE_WORD = /(牵头负责|牵头|负责|配合|协助|协办|参与|参加)/;

/** Separators between names. 和/及/与 only join names (市司法局和市场监管局), never sit inside one here. */
const NAME_SEPARATOR = /[、,,;;/\s]+|(?<=[处室科局委办厅院所队站部组心位司团社馆行])(?:和|及|与|以及)/u;

function splitNames(text: string): string[] {
  return text
    .split(NAME_SEPARATOR)
    // The lookbehind starts a match only where a run starts (else quadratic on long runs; fuzzing).
    .map((name) => name.replace(/^[()()::]+|(?<![()()::。.])[()()::。.]+$/g, '').replace(/等$/, '').trim())
    .filter((name) => name !== '' && !/^(?:牵头|配合|负责|协助|协办|参与|单位|等)$/.test(name));
}


/** Runs of names each closed by a role word, or left unmarked at the end. */
function readMarked(text: string): { names: string[]; role: Role | null }[] {
  const runs: { names: string[]; role: Role | null }[] = [];
  // (牵头) written in brackets after a name means the same as 牵头.
  let rest = text.replace(/[((](牵头|配合|负责|协助|协办|参与)[))]/g, '$1');
  for (;;) {
    const match = rest.match(ROLE_WORD);
    if (!match) break;
    const names = splitNames(rest.slice(0, match.index!));
    const word = match[1]!;
    runs.push({ names, role: word.startsWith('牵头') || word === '负责' ? 'lead' : 'cooperating' });
    rest = rest.slice(match.index! + word.length);
  }
  const tail = splitNames(rest);
  if (tail.length > 0) runs.push({ names: tail, role: null });
  return runs;
}

/** Lead and cooperating units of one expression, names as written, in order. */
export function readResponsibility(input: string): Responsibility {
  const text = cleanText(input);
  const result: Responsibility = { lead: [], cooperating: [] };
  if (text === '') return result;

  if (ANY_LABEL.test(text)) {
    ANY_LABEL.lastIndex = 0;
    // Labelled clauses: 牵头单位:… 责任单位:… 配合单位:…; 责任 means lead unless a 牵头 label is present.
    const hasLead = LEAD_LABEL.test(text);
    const parts = text.split(ANY_LABEL);
    // parts: [before, label, value, label, value …]; text before the first label is read as unmarked.
    const before = parts[0]!.trim();
    if (before !== '') mergeRuns(result, readMarked(before), 'lead');
    for (let i = 1; i < parts.length; i += 2) {
      const label = parts[i]!;
      // The lookbehind starts a match only where a run starts (else quadratic on long runs; fuzzing).
      const value = (parts[i + 1] ?? '').replace(/^[;;,,\s]+|(?<![;;,,\s])[;;,,\s]+$/g, '');
      const role: Role = LEAD_LABEL.test(label) ? 'lead' : COOPERATING_LABEL.test(label) || hasLead ? 'cooperating' : 'lead';
      mergeRuns(result, readMarked(value), role);
    }
    return dedupe(result);
  }
  const runs = readMarked(text);
  const anyLead = runs.some((run) => run.role === 'lead');
  // Unmarked names beside a named lead cooperate; with no lead named, all are responsible.
  mergeRuns(result, runs, anyLead ? 'cooperating' : 'lead');
  return dedupe(result);
}

function mergeRuns(result: Responsibility, runs: { names: string[]; role: Role | null }[], unmarked: Role): void {
  for (const run of runs) for (const name of run.names) result[run.role ?? unmarked].push(name);
}

/**
 * Each name once, in order of first mention; a unit named as lead is not also cooperating.
 * Sets, not list look-ups: a cell naming thousands of units was quadratic (found by fuzzing).
 */
function dedupe(result: Responsibility): Responsibility {
  const lead = new Set(result.lead);
  return { lead: [...lead], cooperating: [...new Set(result.cooperating)].filter((name) => !lead.has(name)) };
}

// ---------------------------------------------------------------------------- cells of several requirements

/** The endings of complete unit names and groups: a line ending otherwise was cut inside a name. */
const NAME_END = /(?:处|室|科|局|委|办|厅|中心|单位|集团|公司|政府|管委会|院|所|队|站|部|组|署|司|社|馆|行|会)$/;

function lineIsComplete(line: string): boolean {
  if (/[、,,;;:]$/.test(line)) return false;
  const withoutRole = line.replace(/(?:牵头负责|牵头|负责|配合|协助|协办|参与)$/, '');
  return NAME_END.test(withoutRole);
}

/** A line that only finishes the line above: 头 (of 牵 头), 单位, 配合, or one starting with a separator. */
function lineContinues(line: string): boolean {
  return /^[、,,;;]/.test(line) || /^(?:头|配合|单位|负责|牵头)/.test(line);
}

/**
 * A unit cell holding the units of `count` requirements, one per line in order (seed row 16:
 * 各业务处室、各分中心、各直属单位 / 政策法规处). Lines broken inside a name by the PDF are
 * joined first. Returns null when the cell does not hold exactly `count` expressions; the
 * caller then gives every requirement the whole cell.
 */
export function splitResponsibilityCell(cell: string, count: number): string[] | null {
  const pieces: string[] = [];
  let open = false;
  for (const line of cleanLines(cell)) {
    if (pieces.length > 0 && (open || lineContinues(line))) pieces[pieces.length - 1] += line;
    else pieces.push(line);
    open = !lineIsComplete(pieces[pieces.length - 1]!);
  }
  return pieces.length === count ? pieces : null;
}

// ---------------------------------------------------------------------------- groups

interface GroupPattern {
  pattern: RegExp;
  kinds: UnitKind[] | null;
  everyUnit?: boolean;
}

/** Group references seen in plans. Kinds null: the plan does not say which units (各有关单位). */
const GROUPS: GroupPattern[] = [
  { pattern: /(?:领导小组|委员会|联席会议)?各成员单位$/, kinds: null, everyUnit: true },
  { pattern: /^(?:中心|局|委|本单位|机关)?各(?:业务|职能|内设|相关|有关)?(?:处室|科室|处|科|室)$/, kinds: ['division'] },
  { pattern: /^各分中心$/, kinds: ['branch'] },
  { pattern: /^各(?:直属单位|直属机构|下属单位|所属单位|事业单位)$/, kinds: ['affiliate'] },
  { pattern: /^各(?:区|县|县区|县\(市\)区|县\(市、区\)|区县|市|乡镇|街道)?(?:人民)?政府$|^各(?:区|县|县区|区县)$/, kinds: ['government'] },
  { pattern: /^(?:各|相关|有关|其他)(?:有关|相关)?(?:单位|部门|科室单位|处室单位|职能部门|成员单位|责任单位)$/, kinds: null },
];

/** A group reference (中心各处室, 各有关单位 …), or null for the name of one unit. */
export function readGroupRef(name: string): GroupRef | null {
  for (const group of GROUPS) {
    if (group.pattern.test(name)) return { name, kinds: group.kinds, everyUnit: group.everyUnit ?? false };
  }
  return null;
}

/** The names of the plan's units a group stands for, in the plan's order. */
export function expandGroup(group: GroupRef, units: { name: string; kind: UnitKind }[]): string[] {
  if (group.everyUnit) return units.map((unit) => unit.name);
  if (group.kinds === null) return [];
  return units.filter((unit) => group.kinds!.includes(unit.kind)).map((unit) => unit.name);
}

/** The kind of office a name stands for, from its ending. */
export function classifyUnit(name: string): UnitKind {
  if (/分中心$/.test(name)) return 'branch';
  if (/直属单位$|直属机构$/.test(name)) return 'affiliate';
  if (/(?:区|县|市|镇|乡)(?:人民)?政府$|街道办事处$/.test(name)) return 'government';
  if (/(?:处|室|科|处室|科室)$/.test(name)) return 'division';
  if (/(?:局|委|办|厅|署|部)$/.test(name)) return 'bureau';
  if (/中心$/.test(name)) return 'center';
  if (/(?:集团|公司)$/.test(name)) return 'enterprise';
  return 'other';
}

/** Prefixes that name the level of government or the parent body and are often dropped: 市, 区, 局, 中心. */
const LEVEL_PREFIX = /^(?:市|区|县|省|局|中心|委|本)/;

/**
 * Pairs of names that are probably one office written two ways (局办公室 / 办公室, 司法局 /
 * 市司法局): the longer is the shorter with a level prefix. Offered to an admin to merge,
 * who decides which name stays; never merged on the importer's own judgement.
 */
export function aliasCandidates(names: string[]): { longer: string; shorter: string }[] {
  const out: { longer: string; shorter: string }[] = [];
  for (const long of names) {
    const match = long.match(LEVEL_PREFIX);
    if (!match) continue;
    const short = long.slice(match[0].length);
    if (short.length >= 2 && names.includes(short) && readGroupRef(short) === null) out.push({ longer: long, shorter: short });
  }
  return out;
}
