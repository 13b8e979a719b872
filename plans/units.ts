/**
 * Reads responsibility expressions (责任处室 / 牵头单位 cells, (责任单位:…) clauses) into lead
 * and cooperating units, recognises group references (中心各处室, 各有关单位 …) and
 * expands them against a plan's units.
 *
 *   政策法规处牵头,中心各处室、各分中心、各直属单位配合   → lead 政策法规处; cooperating the three groups
 *   牵头单位:区发改局责任单位:区委办、区政府办            → lead 区发改局; cooperating 区委办, 区政府办
 *   市委编办,市民政局、司法局                              → all three lead (no role words: all responsible)
 *   房监科⏎建工科 / 政策法规处 信息管理处                  → two units each (a break between two names)
 *   政策法规处牵 头 / 信息管 理处                          → one name each (a break the PDF put inside a name)
 *   房监科、建工科等科室                                   → 房监科, 建工科, open-ended (等科室)
 *
 * Names are kept as written (after noise cleaning): 司法局 stays 司法局 even beside 市民政局;
 * `distributePrefix` offers 市司法局 with the original kept, and merging obvious aliases is an
 * admin's decision, offered by `aliasCandidates`.
 */
import { isDeadline } from './deadline';
import { rememberedByText, rememberedByTextAndYear } from './memo';
import { cleanLines, toHalfWidth } from './normalize';
import type { GroupRef, Responsibility, UnitKind } from '../core/plan-types';

type Role = 'lead' | 'cooperating';

const LABEL_TAIL = '(?:包括|为)?[::]?';
const LEAD_LABEL = new RegExp(`(?:牵头单位|牵头科室|牵头处室|牵头部门)${LABEL_TAIL}`);
const RESPONSIBLE_LABEL = new RegExp(`(?:责任单位|责任处室|责任科室|责任部门|负责单位|承办单位)${LABEL_TAIL}`);
const COOPERATING_LABEL = new RegExp(`(?:配合单位|配合科室|配合处室|配合部门|协办单位|参与单位)${LABEL_TAIL}`);
/** Not after 各 / 有关 / 相关 / 其他: 各责任单位 is a group, not a label. */
const ANY_LABEL = new RegExp(`(?<![各关他])(${LEAD_LABEL.source}|${RESPONSIBLE_LABEL.source}|${COOPERATING_LABEL.source})`, 'g');
/**
 * Fields that share a clause with the units but are none: (牵头科室:局办公室;完成时限:2020年8月底前).
 * A colon is required: 时限 alone is a word of the text.
 */
const OTHER_LABEL = /(?:完成时限|工作时限|完成时间|时间要求|时限要求|时限|考核要求|佐证材料|工作要求|备注)[::]/;

/** Role words closing a run of names: X牵头, Y配合. */
const ROLE_WORD = /(牵头负责|牵头|负责|配合|协助|协办|参与|参加)/;
/** A role word at the end of a piece of text, written plain or in brackets: 政策法规处牵头, 市信用办(牵头). */
const ROLE_END = /(?:牵头负责|牵头|负责|配合|协助|协办|参与|参加)$|[((](?:牵头|配合|负责|协助|协办|参与)[))]$/;

/**
 * The endings of complete unit names and groups (处 室 科 股 局 委 办 中心 院 所 … 单位 部门 政府
 * 街道 镇 开发区). Tested on the last few characters only: names can be any length in fuzzed input.
 */
const UNIT_END =
  /(?:处|室|科|股|局|委|办|厅|署|中心|院|所|队|站|部|组|团|社|馆|行|司|会|庭|区|镇|乡|村|街道|单位|部门|公司|集团|政府|关|联|协|台|校|场|园|库|网)$/;
/** The characters a unit name ends in, for the separators 和/及/与 that join two names. */
const UNIT_END_CHARS = '处室科股局委办厅署院所队站部组心位司团社馆行会庭府门道镇乡村区关联协台校场园库网';

function endsLikeUnit(name: string): boolean {
  return UNIT_END.test(name.slice(-4));
}

/** Whether `name` reads as a unit (or group) name by its ending: what decides a break between two names. */
export function looksLikeUnit(name: string): boolean {
  return [...name].length >= 2 && endsLikeUnit(name);
}

// ---------------------------------------------------------------------------- breaks between names

/** Hard separators: a whitespace run next to one of them changes nothing. */
/** How much of a piece either side of a break is looked at: more than any unit name. */
const LOOK = 64;

/**
 * A piece after a break that finishes the name before it rather than starting a new one:
 * a role word (牵 头), a bracket, or a bare ending (高新区 管委会, 信息 中心).
 */
const CONTINUATION =
  /^(?:[))]|头|牵头|配合|负责|协助|协办|参与|参加|等|和|及|与|以及)|^(?:处|室|科|局|委|办|中心|单位|部门|公司|集团|政府|管委会|办事处|分局|分中心|支行|分行|大队|支队|科室|处室)$/;

const SEPARATOR_CHARS = '、,;/:()。\n';

/**
 * Where the last hard separator of `text`'s last LOOK characters is, or -1. Scans back LOOK
 * characters at most: called once per break, a scan of the whole text was quadratic.
 */
function lastSeparator(text: string): number {
  const stop = Math.max(0, text.length - LOOK);
  for (let i = text.length - 1; i >= stop; i--) if (SEPARATOR_CHARS.includes(text[i]!)) return i;
  return -1;
}

/** The text after the last hard separator, at most LOOK characters of it. */
function tailSegment(text: string): string {
  const at = lastSeparator(text);
  return at >= 0 ? text.slice(at + 1) : text.slice(-LOOK);
}

/** The text before the first hard separator, at most LOOK characters of it. */
function headSegment(text: string): string {
  const stop = Math.min(text.length, LOOK);
  for (let i = 0; i < stop; i++) if (SEPARATOR_CHARS.includes(text[i]!)) return text.slice(0, i);
  return text.slice(0, stop);
}

/** The last characters of a unit's name, of a role word, and of a bracket (市信用办(牵头)). */
const BREAK_END_CHARS = `${UNIT_END_CHARS}头责合助办与加)`;

/** A complete name before a break: three characters or more (局办 公室 is one name) ending like a unit. */
function completeBeforeBreak(segment: string): boolean {
  // Most pieces end in no unit's or role word's last character: no regex for them.
  if (!BREAK_END_CHARS.includes(segment.at(-1) ?? '')) return false;
  const name = segment.replace(ROLE_END, '');
  return [...name].length >= 3 && endsLikeUnit(name);
}

function isLatinOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

/**
 * Decides each whitespace run of a unit expression, before anything glues them: a break
 * between two names (房监科⏎建工科, 政策法规处 信息管理处) becomes a line break, which
 * separates names; a break inside a name (政策法规处牵 头, 信息管 理处, 市 信用办) goes. The
 * name before the break decides: when it is complete and the piece after it does not finish
 * it, the break is between two names. Between Latin letters or digits a space stays.
 */
export function splitAtBreaks(input: string): string {
  const text = toHalfWidth(input);
  // Most cells hold no whitespace: nothing to decide.
  if (!/\s/.test(text)) return text;
  const parts = text.split(/(\s+)/);
  // Pieces joined once at the end, and the last character kept apart: reading the end of a
  // growing string flattens it, once per break (quadratic; found by fuzzing).
  const out: string[] = [parts[0]!];
  let last = parts[0]!.at(-1);
  let segment = tailSegment(parts[0]!);
  for (let i = 1; i < parts.length; i += 2) {
    const next = parts[i + 1] ?? '';
    // A bracket opening the next piece starts a new item ((2)市司法局) unless it holds a role word (市信用办 (牵头)).
    const head = next.startsWith('(') ? headSegment(next.slice(1)) : headSegment(next);
    let joint = '';
    if (segment !== '' && head !== '' && completeBeforeBreak(segment) && !CONTINUATION.test(head)) joint = '\n';
    // A line break after a separator stays: it ends a statement (责任单位包括:⏎生产:市应急管理局…).
    else if (segment === '' && last !== undefined && '、,;:。'.includes(last) && parts[i]!.includes('\n')) joint = '\n';
    else if (isLatinOrDigit(last) && isLatinOrDigit(next[0])) joint = ' ';
    out.push(joint, next);
    if (next !== '') last = next.at(-1);
    else if (joint !== '') last = joint;
    // `segment` holds no separator and at most LOOK characters: only `next` needs a look.
    if (joint === '\n' || next.length >= LOOK || lastSeparator(next) >= 0) segment = tailSegment(next);
    else segment = (segment + next).slice(-LOOK);
  }
  return out.join('').trim();
}

// ---------------------------------------------------------------------------- names

/** Separators between names. 和/及/与 only join names (市司法局和市场监管局), never sit inside one here. */
const NAME_SEPARATOR = new RegExp(`[、,;/\\n]+|(?<=[${UNIT_END_CHARS}])(?:和|及|与|以及)`, 'u');

/**
 * How a plan says "each by its duties", which names no unit: (各有关部门按照职责分工分别负责),
 * 区人民法院等按职责分工推进.
 */
const DUTY_PHRASE = /(?:按照|按)(?:各自)?(?:职责|职能|分管领域)(?:分工)?(?:分别)?(?:推进|落实|实施)?/g;

/** 等… closing a list after a unit's name: 等科室, 等相关科室, 等科室和单位, 等部门. */
const OPEN_PHRASE = new RegExp(`(?<=[${UNIT_END_CHARS}])等[^、,;/\\n]*`, 'gu');

/** A list's numbering: (1) 1) 1. 15-16. */
const ENUMERATION = /^(?:[((]\d{1,3}[))]|\d{1,3}(?:-\d{1,3})?[.、)])/;

/** A bare group word that takes the 各 of the name before it: 各镇、街道、开发区. */
const BARE_GROUP = /^(?:镇|乡|乡镇|街道|开发区|园区|社区|村|镇街)$/;

/** Strips list punctuation around a name; keeps the bracket of a name written with its alias: 市发改委(金融发展局). */
function trimName(raw: string): string {
  let name = raw.trim();
  let start = 0;
  while (start < name.length && '()::。.'.includes(name[start]!)) start++;
  let end = name.length;
  // Found once: looked up per trailing bracket, a run of brackets was quadratic.
  const lastOpen = name.lastIndexOf('(');
  while (end > start && '()::。.'.includes(name[end - 1]!)) {
    if (name[end - 1] === ')' && lastOpen >= start && lastOpen < end - 1) break;
    end--;
  }
  name = name.slice(start, end);
  return name.replace(ENUMERATION, '').replace(/^由(?=.{2,}$)/u, '');
}

/**
 * Splits a run of names; a name ending in 等… (建工科等科室) is cut there and the phrase
 * kept in `open`. Only the first 等 is looked at: names can be any length in fuzzed input.
 */
function splitNames(text: string, open: string[]): string[] {
  const out: string[] = [];
  let each = false;
  // 等… after a name runs to the next separator, 和 included: 市燃气办等科室和单位.
  const closed = text.replace(OPEN_PHRASE, (phrase) => {
    open.push(phrase);
    return '';
  });
  for (const piece of closed.split(NAME_SEPARATOR)) {
    let name = trimName(piece);
    const at = name.indexOf('等');
    if (at > 0 && endsLikeUnit(name.slice(0, at))) {
      open.push(name.slice(at));
      name = name.slice(0, at);
    } else if (name === '等') {
      open.push(name);
      continue;
    }
    if (name === '' || /^(?:牵头|配合|负责|协助|协办|参与|参加|单位|等)$/.test(name)) continue;
    if (each && BARE_GROUP.test(name)) name = `各${name}`;
    each = name.startsWith('各');
    out.push(name);
  }
  return out;
}

/** Runs of names each closed by a role word, or left unmarked at the end. */
function readMarked(text: string, open: string[]): { names: string[]; role: Role | null }[] {
  const runs: { names: string[]; role: Role | null }[] = [];
  // (牵头) written in brackets after a name means the same as 牵头.
  let rest = text.replace(/[((](牵头|配合|负责|协助|协办|参与)[))]/g, '$1');
  for (;;) {
    const match = rest.match(ROLE_WORD);
    if (!match) break;
    const names = splitNames(rest.slice(0, match.index!), open);
    const word = match[1]!;
    runs.push({ names, role: word.startsWith('牵头') || word === '负责' ? 'lead' : 'cooperating' });
    rest = rest.slice(match.index! + word.length);
  }
  const tail = splitNames(rest, open);
  if (tail.length > 0) runs.push({ names: tail, role: null });
  return runs;
}

/**
 * Drops what shares a unit expression without naming units: other fields
 * (完成时限:2020年8月底前 up to the next ; or unit label) and the field names of a list
 * by domain (生产:市应急管理局…; → 市应急管理局…). Statements end at ; 。 and line breaks.
 */
function dropOtherFields(text: string): string {
  const pieces = text.split(OTHER_LABEL);
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    ANY_LABEL.lastIndex = 0;
    const label = ANY_LABEL.exec(piece);
    const semicolon = piece.search(/[;\n]/);
    const ends = [label ? label.index : -1, semicolon].filter((n) => n >= 0);
    out += ends.length === 0 ? '' : `;${piece.slice(Math.min(...ends))}`;
  }
  ANY_LABEL.lastIndex = 0;
  return out
    .split(/([;。\n])/)
    .map((statement) => {
      const colon = statement.indexOf(':');
      if (colon <= 0 || colon > 16) return statement;
      const before = statement.slice(0, colon + 1);
      // A unit label (责任单位包括:) is read later; a unit's own name before a colon is kept.
      ANY_LABEL.lastIndex = 0;
      const isLabel = ANY_LABEL.test(before);
      ANY_LABEL.lastIndex = 0;
      if (isLabel || endsLikeUnit(statement.slice(0, colon).replace(ENUMERATION, ''))) return statement;
      return statement.slice(colon + 1);
    })
    .join('');
}

/** Lead and cooperating units of one expression, names as written, in order. */
export function readResponsibility(input: string): Responsibility {
  const text = dropOtherFields(splitAtBreaks(input).replace(DUTY_PHRASE, ''));
  const result: Responsibility = { lead: [], cooperating: [] };
  const open: string[] = [];
  if (text === '') return result;

  ANY_LABEL.lastIndex = 0;
  if (ANY_LABEL.test(text)) {
    ANY_LABEL.lastIndex = 0;
    // Labelled clauses: 牵头单位:… 责任单位:… 配合单位:…; 责任 means lead unless a 牵头 label is present.
    const hasLead = LEAD_LABEL.test(text);
    const parts = text.split(ANY_LABEL);
    // parts: [before, label, value, label, value …]; text before the first label is read as unmarked.
    const before = parts[0]!.trim();
    if (before !== '') mergeRuns(result, readMarked(before, open), 'lead');
    for (let i = 1; i < parts.length; i += 2) {
      const label = parts[i]!;
      // The lookbehind starts a match only where a run starts (else quadratic on long runs; fuzzing).
      const value = (parts[i + 1] ?? '').replace(/^[;;,,\s]+|(?<![;;,,\s])[;;,,\s]+$/g, '');
      const role: Role = LEAD_LABEL.test(label) ? 'lead' : COOPERATING_LABEL.test(label) || hasLead ? 'cooperating' : 'lead';
      mergeRuns(result, readMarked(value, open), role);
    }
    return dedupe(result, open);
  }
  const runs = readMarked(text, open);
  const anyLead = runs.some((run) => run.role === 'lead');
  // Unmarked names beside a named lead cooperate; with no lead named, all are responsible.
  mergeRuns(result, runs, anyLead ? 'cooperating' : 'lead');
  return dedupe(result, open);
}

function mergeRuns(result: Responsibility, runs: { names: string[]; role: Role | null }[], unmarked: Role): void {
  for (const run of runs) for (const name of run.names) result[run.role ?? unmarked].push(name);
}

/**
 * Each name once, in order of first mention; a unit named as lead is not also cooperating.
 * Sets, not list look-ups: a cell naming thousands of units was quadratic (found by fuzzing).
 */
function dedupe(result: Responsibility, open: string[]): Responsibility {
  const lead = new Set(result.lead);
  const out: Responsibility = { lead: [...lead], cooperating: [...new Set(result.cooperating)].filter((name) => !lead.has(name)) };
  if (open.length > 0) out.openEnded = [...new Set(open)];
  return out;
}

// ---------------------------------------------------------------------------- what cannot be a unit

export const MAX_UNIT_NAME = 40;

export type UnitNameProblem =
  | 'unit-name-too-short'
  | 'unit-name-too-long'
  | 'unit-name-is-requirement'
  | 'unit-name-is-deadline'
  | 'unit-name-is-reference'
  | 'unit-name-is-person'
  | 'unit-name-is-sentence'
  | 'unit-name-is-fragment';

/** A cross-reference: 详见附件, 见附件2, 附表1. */
const REFERENCE = /详见|参见|见附件|见附表|附件\s*\d|附表\s*\d|另行通知|另文/;
/** A person with a title or 同志: 陆安智同志, 李建国局长. */
const PERSON =
  /^([\u4e00-\u9fff]{2,3}?)(?:同志|局长|副局长|主任|副主任|处长|副处长|科长|副科长|书记|副书记|组长|副组长|部长|副部长|市长|副市长|区长|副区长|县长|副县长|主席|经理|总经理)$/u;
/** Marks of a sentence: its punctuation, quotes, titles of documents, a field's colon. */
const SENTENCE_MARK = /[。!?“”"《》〈〉:]/;
/** Verbs and nouns of a duty, not of a name. */
const SENTENCE_WORD =
  /提供|报送|上报|开展|制定|建立|完成|组织|做好|加强|推进|落实|按照|根据|依据|要求|情况|材料|工作任务|确保|参照|结合|分别|应当|必须|进行|年度/;
/** A piece that only finishes or joins something: 头 (of 牵 头), 属单位, 和市… */
const FRAGMENT_START = /^(?:头|属|等|和|及|与|以及|或|并)/;
const FRAGMENT_END = /(?:和|及|与|或|的|等)$/;
const BARE_ENDING = /^(?:处|室|科|局|委|办|中心|单位|部门|公司|集团|政府|管委会|办事处|分局|分中心|科室|处室)$/;

/**
 * Why `name`, read from a unit cell or clause, cannot be a unit, or null when it can: text
 * extracted from PDFs shifts deadlines, fragments (头 of 牵 头) and sentences
 * (2020年度工作任务详见附件) into the unit column. Groups (各有关单位) are units here.
 * `year` is the plan's year, for deadlines without one.
 */
export function unitNameProblem(name: string, year: number | null): UnitNameProblem | null {
  return unitNameProblemOnce(name, year);
}

/** Asked of every name of every requirement, and a plan names its units again and again: remembered. */
const unitNameProblemOnce = rememberedByTextAndYear((name, year): UnitNameProblem | null => {
  const length = [...name].length;
  if (length < 2) return 'unit-name-too-short';
  if (length > MAX_UNIT_NAME) return 'unit-name-too-long';
  if (/[\u2460-\u2473]/.test(name)) return 'unit-name-is-requirement';
  if (REFERENCE.test(name)) return 'unit-name-is-reference';
  if (isDeadline(name, year)) return 'unit-name-is-deadline';
  if (readGroupRef(name) !== null) return null;
  const person = PERSON.exec(name);
  if (person && !endsLikeUnit(person[1]!)) return 'unit-name-is-person';
  if (SENTENCE_MARK.test(name)) return 'unit-name-is-sentence';
  if (!endsLikeUnit(name) && (SENTENCE_WORD.test(name) || length >= 16)) return 'unit-name-is-sentence';
  // A unit's name has Chinese characters, and digits only before its ending (第二中学 is written in words).
  if (FRAGMENT_START.test(name) || FRAGMENT_END.test(name) || BARE_ENDING.test(name) || !/[\u3400-\u9fff]/u.test(name))
    return 'unit-name-is-fragment';
  // Short and without a unit's ending: the start of a name cut off (区教 of 区教育局) or a list's leftover.
  if (!endsLikeUnit(name) && (/\d/.test(name) || length <= 3)) return 'unit-name-is-fragment';
  return null;
});

// ---------------------------------------------------------------------------- units in brackets after an item

export interface UnitClause {
  /** The item's text without the clause (trailing punctuation kept): 收集整理贯彻落实文件. */
  body: string;
  units: Responsibility;
  /** The clause as written, brackets included: (市信用办). */
  clause: string;
  /**
   * The clause's parts that name no unit, as written: other fields (完成时限:2020年8月底前)
   * and cross-references (2020年度工作任务详见附件), for the caller to read or show.
   */
  extras: string[];
}

/** The longest item text looked at: a bracket is matched by scanning back from the end. */
const MAX_CLAUSE_SCAN = 100_000;

/**
 * The units in brackets closing an item's text: "(X、Y牵头负责,Z参加)", "(X负责)",
 * "(责任单位:…)", "(市信用办)", "(牵头科室:局办公室;完成时限:2020年8月底前)". Only the last
 * bracket, and only when nothing but punctuation follows it (a bracket inside a sentence,
 * 市发改委(金融发展局)、人行…, is part of a name) and its content reads as units: every
 * name a group or a plausible unit name. Null otherwise: (2015-2020年), (简称“局信用办”),
 * (联络员名单见附件1), (提供网址和网页截图).
 */
export function findUnitClause(input: string): UnitClause | null {
  if (input.length > MAX_CLAUSE_SCAN) return null;
  // Half-width forms map one code unit to one, so positions in `text` are positions in `input`.
  const text = toHalfWidth(input);
  let end = text.length;
  while (end > 0 && /[\s。.;,,;、]/.test(text[end - 1]!)) end--;
  if (end === 0 || text[end - 1] !== ')') return null;
  let depth = 0;
  let open = -1;
  for (let i = end - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(' && --depth === 0) {
      open = i;
      break;
    }
  }
  if (open < 0) return null;
  const content = text.slice(open + 1, end - 1);
  const unitParts: string[] = [];
  const extras: string[] = [];
  for (const part of splitTopLevel(content)) {
    const cleaned = splitAtBreaks(part).trim();
    if (cleaned === '') continue;
    if (OTHER_LABEL.test(cleaned) && !startsWithUnitLabel(cleaned)) extras.push(cleaned);
    else if (REFERENCE.test(cleaned)) extras.push(cleaned);
    else unitParts.push(part);
  }
  if (unitParts.length === 0) return null;
  const units = readResponsibility(unitParts.join(','));
  const names = [...units.lead, ...units.cooperating];
  if (names.length === 0) return null;
  for (const name of names) {
    if (readGroupRef(name) === null && (unitNameProblem(name, null) !== null || !endsLikeUnit(name.replace(/\([^()]*\)$/, ''))))
      return null;
  }
  return {
    // "…任务。(责任单位:X)。" keeps one stop, not "任务。。".
    body: joinBody(input.slice(0, open).trimEnd(), input.slice(end).trim()),
    units,
    clause: input.slice(open, end),
    extras,
  };
}

function joinBody(before: string, after: string): string {
  return (/[。.;;,,]$/.test(before) ? before + after.replace(/^[。.;;,,]+/, '') : before + after).trim();
}

function startsWithUnitLabel(part: string): boolean {
  ANY_LABEL.lastIndex = 0;
  const m = ANY_LABEL.exec(part);
  ANY_LABEL.lastIndex = 0;
  return m !== null && m.index === 0 && !/^(?:完成时限|工作时限|时限)/.test(part);
}

/** Parts of a clause at , ; outside inner brackets: 牵头科室:局办公室;完成时限:2020年8月底前. */
function splitTopLevel(content: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === ',' || ch === ';')) {
      parts.push(content.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(content.slice(start));
  return parts;
}

// ---------------------------------------------------------------------------- a prefix written once

/** Level prefixes a list writes once: 市民政局、司法局 → 市司法局. */
const LEVEL_PREFIXES = ['市', '区', '县'] as const;
/** Names that start with a level character without carrying the level: 市场监管局, 区域…, 县域… */
const NOT_A_LEVEL = /^(?:市场|市政|区域|县域)/;

export interface DistributedName {
  /** The name with the list's prefix: 市司法局. */
  name: string;
  /** The name as written: 司法局. */
  written: string;
}

function levelOf(name: string): string | null {
  if (NOT_A_LEVEL.test(name)) return name.startsWith('市') ? '市' : null;
  for (const prefix of LEVEL_PREFIXES) if (name.startsWith(prefix)) return prefix;
  return null;
}

/** Place names the plan's units show (厦门 of 人行厦门市中心支行, 思明 of 思明区人民政府): names starting with one carry their own place. */
function placeNames(planUnits: string[]): Set<string> {
  const places = new Set<string>();
  for (const unit of planUnits.slice(0, 10_000)) {
    for (const m of unit.slice(0, MAX_UNIT_NAME).matchAll(/([\u4e00-\u9fff]{2})[市区县]/gu)) places.add(m[1]!);
  }
  return places;
}

/**
 * A shared level prefix written once, distributed: in 市民政局、司法局、税务局 the names after
 * 市民政局 mean 市司法局, 市税务局. A name takes the prefix of the name before it (or the
 * prefix that name took) when it is a department (…局 委 办 厅, not a 分局: branches of a
 * higher bureau are named without the district on purpose), carries no level or place of
 * its own, and the plan's units carry that prefix: the prefixed name is one of them, or
 * at least half of the plan's departments carry it. `names` is one list in order;
 * `planUnits` the names of all the plan's units. Each name comes back with how it was written.
 */
export function distributePrefix(names: string[], planUnits: string[]): DistributedName[] {
  return prefixDistributor(planUnits)(names);
}

/**
 * `distributePrefix` for many lists of one plan: what the plan's units tell (their names,
 * which levels its departments carry, its place names) is worked out once, not once per
 * list — per list it was the plan's units times its requirements (a province's plan).
 */
export function prefixDistributor(planUnits: string[]): (names: string[]) => DistributedName[] {
  const known = new Set(planUnits);
  let departments: string[] | null = null;
  const carried = new Map<string, boolean>();
  const planCarries = (prefix: string) => {
    if (!carried.has(prefix)) {
      departments ??= planUnits.filter((name) => classifyUnit(name) === 'bureau');
      const share = departments.filter((name) => levelOf(name) === prefix).length;
      carried.set(prefix, departments.length > 0 && share * 2 >= departments.length);
    }
    return carried.get(prefix)!;
  };
  let places: Set<string> | null = null;
  const ownPlace = (name: string) => (places ??= placeNames(planUnits)).has(name.slice(0, 2));

  return (names) => {
    const out: DistributedName[] = [];
    let previous: string | null = null;
    for (const written of names) {
      let name = written;
      const level = levelOf(written);
      if (
        level === null &&
        previous !== null &&
        classifyUnit(written) === 'bureau' &&
        !written.endsWith('分局') &&
        readGroupRef(written) === null &&
        !/^(?:省|国家|中国|各|局|中心|本)/.test(written) &&
        !ownPlace(written) &&
        (known.has(previous + written) || planCarries(previous))
      ) {
        name = previous + written;
      }
      out.push({ name, written });
      previous = levelOf(name);
    }
    return out;
  };
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
  { pattern: /^(?:局机关|中心|局|委|本单位|机关)?各(?:业务|职能|内设|相关|有关)?(?:处室|科室|处|科|室)$/, kinds: ['division'] },
  { pattern: /^各分中心$/, kinds: ['branch'] },
  { pattern: /^各(?:直属单位|直属机构|下属单位|所属单位|事业单位)$|^(?:局属|直属)各(?:相关|有关)?单位$/, kinds: ['affiliate'] },
  {
    pattern:
      /^各(?:区|县|县区|县市区|县\(市\)区|县\(市、区\)|区县|市|乡镇|镇|乡|街道)?(?:人民)?政府$|^各(?:区|县|县区|区县|县市区|镇|乡|乡镇|街道|镇街)$/,
    kinds: ['government'],
  },
  // Development zones and parks are run by 管委会 of no fixed kind: an admin says which.
  { pattern: /^各(?:开发区|园区|工业园区)$/, kinds: null },
  {
    pattern: /^(?:各|相关|有关|其他)(?:有关|相关|行业)?(?:单位|部门|科室单位|处室单位|职能部门|主管部门|成员单位|责任单位)$/,
    kinds: null,
  },
];

/** A group reference (中心各处室, 各有关单位 …), or null for the name of one unit. */
export function readGroupRef(name: string): GroupRef | null {
  const group = groupOf(name);
  return group === null ? null : { name, kinds: group.kinds, everyUnit: group.everyUnit ?? false };
}

/** Whether a name is a group reference (readGroupRef without building the reference). */
export function isGroupRef(name: string): boolean {
  return groupOf(name) !== null;
}

/** Asked of every name of every requirement, a few times over, and a plan names its units again and again: remembered. */
const groupOf = rememberedByText((name: string): GroupPattern | null => GROUPS.find((group) => group.pattern.test(name)) ?? null);

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
  // A set, not a search of the list per name: quadratic in a province's 10,000 units.
  const named = new Set(names);
  for (const long of names) {
    const match = long.match(LEVEL_PREFIX);
    if (!match) continue;
    const short = long.slice(match[0].length);
    if (short.length >= 2 && named.has(short) && readGroupRef(short) === null) out.push({ longer: long, shorter: short });
  }
  return out;
}
