/**
 * Reads the prose form of a plan (工作要点, 实施方案 as published on web pages or in PDFs):
 *
 *   一、推进信用制度建设与落实                     ← a section
 *   (一)细化落实国家政策文件。针对…按计划予以落实。(责任单位:市信用办,各有关单位)   ← a task
 *
 * Items are numbered (一)(二)… or 1. 2. …; each ends with a clause naming its units and,
 * where given, its deadline: (责任单位:…), (牵头科室:…;完成时限:…), 牵头单位:… 责任单位:…,
 * 工作时限:…. Lines may be broken anywhere by extraction; an item runs until the next one.
 */
import { cleanText } from './normalize';
import { refusal } from './errors';
import { problem, type Location, type PlanProblem } from './problems';
import {
  buildRequirement,
  findTitle,
  requirementCounter,
  splitRequirementItems,
  yearFromTitle,
  type ParsedPlan,
  type ParsedSection,
  type ParsedTask,
} from './plan';

const SECTION = /^([一二三四五六七八九十]+)、(.+)$/;
const PAREN_ITEM = /^\(([一二三四五六七八九十百]+)\)\s*(.*)$/;
const DIGIT_ITEM = /^(\d{1,3})[.、]\s*(?!\d)(.*)$/;

const DEADLINE_LABEL = '(?:完成时限|工作时限|完成时间|时间节点|时限要求|时限)';
const UNIT_LABEL =
  '(?:牵头单位|牵头科室|牵头处室|牵头部门|责任单位|责任处室|责任科室|责任部门|配合单位|配合科室|配合处室|配合部门)';
/** The closing clause in brackets: (责任单位:…) or (牵头科室:…;完成时限:…). */
const CLOSING_CLAUSE = new RegExp(`\\((${UNIT_LABEL}|${DEADLINE_LABEL})[:]([^()]*)\\)[。.;]?$`);
const HAS_CJK = /[\u3400-\u9fff]/;

export const MAX_PROSE_LINES = 5000;

interface Item {
  number: string;
  section: string | null;
  line: number;
  text: string;
  /** True once the closing clause was read: later loose lines are not part of the item. */
  closed: boolean;
  /**
   * The text from the item's last "(", while it may still become the closing clause; null
   * once it cannot (until another "(" comes).
   */
  clause: string | null;
  /** The last two characters of `text`. */
  tail: string;
}

/** The item's text for its last "(" on, as `Item.clause` keeps it. */
function clauseOf(text: string): string | null {
  const open = text.lastIndexOf('(');
  return open >= 0 ? text.slice(open) : null;
}

/**
 * Adds a line to an item and tells whether the item now ends with its closing clause.
 * The clause holds no brackets, so it can only start at the item's last "(", and once the
 * text ends in ")" without closing, that "(" never will: testing the whole item after every
 * line (and touching the whole string, which V8 then flattens) was quadratic for an item
 * broken over thousands of lines (found by fuzzing).
 */
function appendLine(item: Item, line: string): boolean {
  item.text += line;
  item.clause = line.includes('(') ? clauseOf(line) : item.clause === null ? null : item.clause + line;
  item.tail = (item.tail + line).slice(-2);
  if (item.clause === null || !/\)[。.;]?$/.test(item.tail)) return false;
  if (CLOSING_CLAUSE.test(item.clause)) return true;
  item.clause = null;
  return false;
}

export function parseProse(source: string, input: string, options: { year?: number | null } = {}): ParsedPlan {
  const lines = input.split(/\r?\n/);
  if (lines.length > MAX_PROSE_LINES) throw refusal('too-many-lines', { file: source }, { lines: lines.length, max: MAX_PROSE_LINES });
  const cleaned = lines.map((line) => cleanText(line));
  const useParenItems = cleaned.some((line) => PAREN_ITEM.test(line));
  const itemPattern = useParenItems ? PAREN_ITEM : DIGIT_ITEM;

  const sections: ParsedSection[] = [];
  const items: Item[] = [];
  const preamble: string[] = [];
  let section: string | null = null;

  cleaned.forEach((line, i) => {
    if (line === '') return;
    const heading = line.match(SECTION);
    if (heading && !itemPattern.test(line)) {
      section = heading[1]!;
      sections.push({ number: section, title: stripEndPunctuation(heading[2]!) });
      return;
    }
    const item = line.match(itemPattern);
    if (item) {
      items.push({ number: item[1]!, section, line: i + 1, text: item[2]!, closed: false, clause: clauseOf(item[2]!), tail: item[2]!.slice(-2) });
      return;
    }
    const last = items.at(-1);
    if (!last) {
      preamble.push(line);
      return;
    }
    // Lines after a closed item (web page footers, JSON debris) are not part of it.
    if (last.closed || !HAS_CJK.test(line)) return;
    last.closed = appendLine(last, line);
  });
  for (const item of items) item.closed = true;

  if (items.length === 0) throw refusal('no-items', { file: source }, {});

  const title = findTitle(preamble);
  const year = options.year ?? yearFromTitle(title);
  const problems: PlanProblem[] = [];
  const cycle = reportingCycle(preamble);
  if (cycle) problems.push(problem('reporting-cycle', { file: source }, { cycle }));

  const countRequirements = requirementCounter();
  const tasks: ParsedTask[] = items.map((item) => buildProseTask(source, item, cycle, year, problems, countRequirements));
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.number)) problems.push(problem('item-number-repeated', task.where, { number: task.number }));
    seen.add(task.number);
  }
  return { title, year, sections, tasks, problems };
}

function stripEndPunctuation(text: string): string {
  // The lookbehind starts a match only where a run starts (else quadratic on long runs; fuzzing).
  return text.replace(/(?<![。.;;,,])[。.;;,,]+$/, '').trim();
}

/**
 * The report cycle a notice sets for the whole plan: "请…每季度向市信用管理工作平台反馈进展情况".
 * Only a cycle tied to reporting counts; a stray 每月 elsewhere does not.
 */
export function reportingCycle(preamble: string[]): string | null {
  const text = preamble.join('');
  const match = text.match(/(每(?:季度|月|半年|周)(?:末)?(?:\d{1,2}日前)?)[^。;]{0,20}(?:反馈|报送|报告|上报|汇报)/);
  return match ? match[1]! : null;
}

interface Clauses {
  body: string;
  units: string;
  deadline: string;
}

/** Separates an item's text from its unit and deadline clauses. */
export function splitClauses(text: string): Clauses {
  let body = text.trim();
  let clause = '';
  const closing = body.match(CLOSING_CLAUSE);
  if (closing) {
    clause = body.slice(closing.index! + 1).replace(/\)[。.;]?$/, '');
    body = body.slice(0, closing.index!).trim();
  } else {
    // Unbracketed clauses: 牵头单位:… 责任单位:… 工作时限:… after the item's text.
    const start = body.search(new RegExp(`${UNIT_LABEL}[:]|${DEADLINE_LABEL}[:]`));
    if (start >= 0) {
      clause = body.slice(start);
      body = body.slice(0, start).trim();
    }
  }
  let deadline = '';
  const deadlineMatch = clause.match(new RegExp(`${DEADLINE_LABEL}[:]([^;;]*)`));
  if (deadlineMatch) {
    deadline = deadlineMatch[1]!.replace(/[。.]$/, '').trim();
    clause = (clause.slice(0, deadlineMatch.index!) + clause.slice(deadlineMatch.index! + deadlineMatch[0].length)).trim();
  }
  // The lookbehind starts a match only where a run starts (else quadratic on long runs; fuzzing).
  return { body, units: clause.replace(/^[;;,,\s]+|(?<![;;,,\s])[;;,,\s]+$/g, ''), deadline };
}

function buildProseTask(
  source: string,
  item: Item,
  cycle: string | null,
  year: number | null,
  problems: PlanProblem[],
  countRequirements: (count: number, where: Location) => void,
): ParsedTask {
  const where: Location = { file: source, line: item.line, item: item.number };
  const { body, units, deadline } = splitClauses(item.text);
  const firstStop = body.indexOf('。');
  const title = stripEndPunctuation(firstStop > 0 ? body.slice(0, firstStop) : body);
  const content = firstStop > 0 ? body.slice(firstStop + 1).trim() : '';
  const parts = splitRequirementItems(content);
  const texts = parts.length > 0 ? parts : [title];
  countRequirements(texts.length, where);
  const requirements = texts.map((text, i) =>
    buildRequirement(
      {
        text,
        deadlineText: deadline || cycle || '',
        responsibility: units,
        where: texts.length > 1 ? { ...where, requirement: i + 1 } : where,
      },
      year,
      problems,
    ),
  );
  return { number: item.number, title, content: content || null, section: item.section, where, requirements };
}

