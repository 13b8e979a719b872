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
import { LEVEL_ORDER, OutlineSequence, readMarker, type Marker, type OutlineLevel } from './outline';
import { breakRunningText, type SourceLine } from './running-text';
import { bodyYear, frontMatterReason, issueYear } from './front-matter';
import { readLabelledFields, type LabelledFields } from './labelled-fields';
import { appendixSection, findAppendixTable } from './appendix';
import { findDeadlines } from './deadline';
import { findUnitClause } from './units';
import {
  buildRequirement,
  buildRequirements,
  type IgnoredLine,
  type IgnoredReason,
  findTitle,
  requirementCounter,
  splitRequirementItems,
  yearFromTitle,
  type ParsedPlan,
  type ParsedSection,
  type ParsedTask,
} from './plan';

const DEADLINE_LABEL = '(?:完成时限|工作时限|完成时间|时间节点|时限要求|时限)';
const UNIT_LABEL = '(?:牵头单位|牵头科室|牵头处室|牵头部门|责任单位|责任处室|责任科室|责任部门|配合单位|配合科室|配合处室|配合部门)';
/** The closing clause in brackets: (责任单位:…) or (牵头科室:…;完成时限:…). */
const CLOSING_CLAUSE = new RegExp(`\\((${UNIT_LABEL}|${DEADLINE_LABEL})[:]([^()]*)\\)[。.;]?$`);
const HAS_CJK = /[\u3400-\u9fff]/;

export const MAX_PROSE_LINES = 5000;

/**
 * Sections that hold no work to report on: the plan's goals, its leadership, its
 * exhortations. Their lines are listed as ignored, with the section's reason.
 */
const NON_TASK_SECTIONS: { pattern: RegExp; reason: IgnoredReason }[] = [
  { pattern: /^(?:工作目标|总体目标|主要目标|目标任务$|指导思想|总体要求|基本原则|工作原则)/, reason: 'goals' },
  { pattern: /^(?:组织领导|组织保障|加强组织领导|组织机构|组织实施|领导机构)/, reason: 'organization' },
  { pattern: /^(?:工作要求|保障措施|工作保障|有关要求|其他要求|其他事项|附则|工作措施要求)/, reason: 'work-requirements' },
];

function nonTaskReason(title: string): IgnoredReason | null {
  return NON_TASK_SECTIONS.find((entry) => entry.pattern.test(title))?.reason ?? null;
}

/**
 * A section marker's heading. Text cut from running text runs on after the heading
 * (一、工作目标按照长府发5号文件…): a known heading is still one; any other "一、" opening a long
 * sentence is not a heading at all (null).
 */
function sectionTitle(rest: string): string | null {
  if ([...rest].length <= 60 || !rest.includes('。')) return stripEndPunctuation(rest);
  const known = NON_TASK_SECTIONS.map((entry) => rest.match(entry.pattern)).find(Boolean);
  return known ? known[0] : null;
}

/** A numbered item (task or requirement) as its lines come in. */
interface Item {
  number: string;
  section: string | null;
  line: number;
  /** The item's text in pieces (joined once at the end: appending to one string was quadratic). */
  parts: string[];
  /** True once the closing clause was read: later loose lines are not part of the item. */
  closed: boolean;
  /**
   * The text from the item's last "(", while it may still become the closing clause; null
   * once it cannot (until another "(" comes).
   */
  clause: string | null;
  /** The last two characters of the text. */
  tail: string;
}

interface TaskItem extends Item {
  subItems: Item[];
}

function newItem(number: string, section: string | null, line: number, text: string): Item {
  return { number, section, line, parts: [text], closed: false, clause: clauseOf(text), tail: text.slice(-2) };
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
 * line (and touching the whole string) was quadratic for an item broken over thousands of
 * lines (found by fuzzing).
 */
function appendLine(item: Item, line: string): boolean {
  item.parts.push(line);
  item.clause = line.includes('(') ? clauseOf(line) : item.clause === null ? null : item.clause + line;
  item.tail = (item.tail + line).slice(-2);
  if (item.clause === null || !/\)[。.;]?$/.test(item.tail)) return false;
  if (CLOSING_CLAUSE.test(item.clause)) return true;
  item.clause = null;
  return false;
}

const textOf = (item: Item): string => item.parts.join('');

export function parseProse(source: string, input: string, options: { year?: number | null } = {}): ParsedPlan {
  const rawLines = input.split(/\r?\n/);
  if (rawLines.length > MAX_PROSE_LINES)
    throw refusal('too-many-lines', { file: source }, { lines: rawLines.length, max: MAX_PROSE_LINES });
  const lines = breakRunningText(rawLines.map((text, i) => ({ line: i + 1, text: cleanText(text) })).filter((line) => line.text !== ''));
  const ignored: IgnoredLine[] = [];
  const ignore = (line: SourceLine, reason: IgnoredReason) =>
    ignored.push({ where: { file: source, line: line.line }, text: line.text, reason });

  // An appendix printed one cell per paragraph is read as the table it is, not as prose.
  const firstItem = lines.find((line) => readMarker(line.text) !== null)?.line ?? rawLines.length;
  const appendix = findAppendixTable(source, input, firstItem, options.year ?? null);
  const proseLines = appendix ? lines.filter((line) => line.line < appendix.firstLine) : lines;

  const markers = numberedLines(proseLines);
  const taskLevel = chooseTaskLevel(proseLines, markers);

  const sections: ParsedSection[] = [];
  const tasks: TaskItem[] = [];
  const front: SourceLine[] = [];
  let section: string | null = null;
  let sectionReason: IgnoredReason | null = null;
  let task: TaskItem | null = null;
  let sub: Item | null = null;
  let seenBody = false;

  proseLines.forEach((line, i) => {
    const marker = markers[i];
    if (marker?.level === 'section') {
      seenBody = true;
      task = null;
      sub = null;
      const title = sectionTitle(marker.rest)!;
      sectionReason = nonTaskReason(title);
      if (sectionReason) {
        ignore(line, sectionReason);
        return;
      }
      section = marker.numeral;
      sections.push({ number: section, title });
      return;
    }
    if (sectionReason) {
      ignore(line, sectionReason);
      return;
    }
    if (marker && taskLevel && marker.level === taskLevel) {
      seenBody = true;
      task = { ...newItem(marker.numeral, section, line.line, marker.rest), subItems: [] };
      tasks.push(task);
      sub = null;
      return;
    }
    if (marker && task && isDeeper(marker.level, taskLevel)) {
      sub = newItem(marker.numeral, section, line.line, marker.rest);
      (task as TaskItem).subItems.push(sub);
      return;
    }
    const open: Item | null = sub ?? task;
    if (open && !open.closed && HAS_CJK.test(line.text)) {
      open.closed = appendLine(open, line.text);
      return;
    }
    if (!seenBody) front.push(line);
    else ignore(line, frontMatterReason(line.text, false));
  });

  if (tasks.length === 0) throw refusal('no-items', { file: source }, {});

  const frontTexts = front.map((line) => line.text);
  const titleAt = frontTexts.lastIndexOf(findTitle(frontTexts) ?? '\u0000');
  const titleStart = titleAt > 0 && isIssuerLine(frontTexts[titleAt - 1]!) ? titleAt - 1 : titleAt;
  // A title broken after the issuing office (怀化市住房和城乡建设局 / 社会信用体系建设工作实施方案) is one title.
  const title = titleAt < 0 ? null : frontTexts.slice(titleStart, titleAt + 1).join('');
  const reasons = front.map((line, i) => frontMatterReason(line.text, i >= titleStart && i <= titleAt && titleAt >= 0));
  // The issuing office on the line above the date is the signature too.
  reasons.forEach((reason, i) => {
    if (reason === 'preamble' && reasons[i + 1] === 'signature' && isIssuerLine(frontTexts[i]!)) reasons[i] = 'signature';
  });
  front.forEach((line, i) => ignore(line, reasons[i]!));
  ignored.sort((a, b) => a.where.line! - b.where.line!);

  const problems: PlanProblem[] = [];
  const year = options.year ?? yearFromTitle(title) ?? issueYear(frontTexts) ?? bodyYear(lines.map((l) => l.text).join('\n'));
  if (year === null) problems.push(problem('no-year', { file: source }, {}));
  const cycle = reportingCycle(frontTexts);
  if (cycle) problems.push(problem('reporting-cycle', { file: source }, { cycle }));

  const countRequirements = requirementCounter();
  const numbers = taskNumbers(tasks);
  const parsedTasks: ParsedTask[] = tasks.map((item, i) =>
    buildProseTask(source, item, numbers[i]!, cycle, year, problems, countRequirements),
  );
  const seen = new Set<string>();
  for (const task of parsedTasks) {
    if (seen.has(task.number)) problems.push(problem('item-number-repeated', task.where, { number: task.number }));
    seen.add(task.number);
  }

  if (appendix) {
    // Read again with the plan's year when it came from the notice rather than the caller.
    const inYear = appendix.read.year === year || options.year != null ? appendix : findAppendixTable(source, input, firstItem, year)!;
    const table = appendixSection(inYear, '附件', new Set(parsedTasks.map((t) => t.number)), problems);
    sections.push(table.section);
    parsedTasks.push(...table.tasks);
    ignored.push(...table.ignored);
  }
  ignored.sort((a, b) => a.where.line! - b.where.line!);
  return { title, year, sections, tasks: parsedTasks, ignored, problems };
}

/** The first deadline phrase written inside a requirement's words (…于每月10日前汇总报送…), or ''. */
function deadlineInText(text: string): string {
  return findDeadlines(text)[0]?.text ?? '';
}

/** A short line naming an office, nothing else: the first half of a title broken in two. */
function isIssuerLine(line: string): boolean {
  return [...line].length <= 30 && /(?:局|委|办|厅|政府|中心|委员会|院|办公室|小组)$/.test(line) && !/[,。:;]/.test(line);
}

/** Each line's numbering marker when it continues its level's sequence; null for text. */
function numberedLines(lines: SourceLine[]): (Marker | null)[] {
  const sequence = new OutlineSequence();
  return lines.map((line) => {
    const marker = readMarker(line.text);
    if (!marker || !sequence.accepts(marker)) return null;
    // A heading "一、" must not be a sentence running on: 一、二、三 inside text fails the sequence,
    // and a very long "section" is a paragraph that happens to start with a numeral.
    if (marker.level === 'section' && sectionTitle(marker.rest) === null) return null;
    sequence.take(marker);
    return marker;
  });
}

/**
 * The level whose items are tasks: the highest below sections that appears in a section
 * with work in it. (一) when the plan has them, else 1., else (1).
 */
function chooseTaskLevel(lines: SourceLine[], markers: (Marker | null)[]): OutlineLevel | null {
  const present = new Set<OutlineLevel>();
  let ignoredSection = false;
  markers.forEach((marker) => {
    if (!marker) return;
    if (marker.level === 'section') {
      ignoredSection = nonTaskReason(sectionTitle(marker.rest) ?? '') !== null;
      return;
    }
    if (!ignoredSection) present.add(marker.level);
  });
  void lines;
  return LEVEL_ORDER.slice(1).find((level) => present.has(level)) ?? null;
}

function isDeeper(level: OutlineLevel, than: OutlineLevel | null): boolean {
  return than !== null && LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(than);
}

/**
 * Task numbers as written, unless numbering restarts in each section: then each is named
 * with its section (三-一), since tasks are matched by number on re-import.
 */
function taskNumbers(tasks: TaskItem[]): string[] {
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(task.number, (counts.get(task.number) ?? 0) + 1);
  const restarts = [...counts.values()].some((n) => n > 1) && tasks.every((t) => t.section !== null);
  if (!restarts) return tasks.map((task) => task.number);
  return tasks.map((task) => `${task.section}-${task.number}`);
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
  const trimmed = text.trim();
  // Units in the closing brackets, labelled or not: (牵头科室:局办公室;完成时限:2020年8月底前),
  // (X、Y牵头负责,Z参加), (市信用办). A cross-reference among them (2020年度工作任务详见附件)
  // is no unit, and a 完成时限 among them is the deadline.
  const unitClause = findUnitClause(trimmed);
  if (unitClause) {
    let units = unitClause.clause.slice(1, -1);
    let deadline = '';
    for (const extra of unitClause.extras) {
      units = units.replace(extra, '');
      const labelled = extra.match(new RegExp(`^${DEADLINE_LABEL}[:](.*)$`));
      if (labelled && deadline === '') deadline = labelled[1]!.replace(/[。.]$/, '').trim();
    }
    return { body: unitClause.body, units: units.replace(/^[;,\s]+|[;,\s]+$/g, '').replace(/[;,]{2,}/g, ','), deadline };
  }
  // A clause closing the item's lead-in before its ①② lines ("…每月10日前报送。(区政务服务局负责)
  // ①… ②…") is the clause of every item under it, not part of ①.
  const circled = trimmed.search(/[\u2460-\u2473]/);
  if (circled > 0) {
    const head = splitClauses(trimmed.slice(0, circled));
    if (head.units !== '' || head.deadline !== '')
      return { body: `${head.body}${trimmed.slice(circled)}`, units: head.units, deadline: head.deadline };
  }
  let body = trimmed;
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
  item: TaskItem,
  number: string,
  cycle: string | null,
  year: number | null,
  problems: PlanProblem[],
  countRequirements: (count: number, where: Location) => void,
): ParsedTask {
  const where: Location = { file: source, line: item.line, item: number };
  const text = textOf(item);
  const fields = readLabelledFields(text);
  if (fields) return buildFieldTask(item, number, where, fields, cycle, year, problems, countRequirements);

  const { body, units, deadline } = splitClauses(text);
  const firstStop = body.indexOf('。');
  const title = stripEndPunctuation(firstStop > 0 ? body.slice(0, firstStop) : body);
  const content = firstStop > 0 ? body.slice(firstStop + 1).trim() : '';

  // Numbered items under the task (1. 2. under (三)) are its requirements, each with its own
  // clause, or the task's when it has none.
  if (item.subItems.length > 0) {
    const texts = item.subItems.flatMap((sub) => {
      const own = splitClauses(textOf(sub));
      const parts = splitRequirementItems(own.body);
      return (parts.length > 0 ? parts : [own.body]).map((part, i) => ({ sub, part, own, i }));
    });
    countRequirements(texts.length, where);
    const requirements = texts.flatMap(({ sub, part, own }, i) =>
      buildRequirements(
        {
          text: part,
          deadlineText: own.deadline || deadline || deadlineInText(part) || deadlineInText(title) || cycle || '',
          responsibility: own.units || units,
          where: { file: source, line: sub.line, item: number, requirement: i + 1 },
        },
        year,
        problems,
      ),
    );
    return { number, title, content: content || null, section: item.section, where, points: null, requirements };
  }

  const parts = splitRequirementItems(content);
  const texts = parts.length > 0 ? parts : [title];
  // The words before ① (and the title) hold for every item: "每月10日前报送。①… ②…".
  const circledAt = content.search(/[\u2460-\u2473]/);
  const leadIn = `${title}。${circledAt > 0 ? content.slice(0, circledAt) : ''}`;
  countRequirements(texts.length, where);
  const requirements = texts.flatMap((requirementText, i) =>
    buildRequirements(
      {
        text: requirementText,
        deadlineText: deadline || deadlineInText(requirementText) || deadlineInText(leadIn) || cycle || '',
        responsibility: units,
        where: texts.length > 1 ? { ...where, requirement: i + 1 } : where,
      },
      year,
      problems,
    ),
  );
  return { number, title, content: content || null, section: item.section, where, points: null, requirements };
}

/**
 * A task written as labelled fields (工作职责:… 工作要求:… 工作时限:… 牵头单位:… 责任单位:…):
 * its duties come from the deadline field, one requirement per duty it names.
 */
function buildFieldTask(
  item: TaskItem,
  number: string,
  where: Location,
  fields: LabelledFields,
  cycle: string | null,
  year: number | null,
  problems: PlanProblem[],
  countRequirements: (count: number, where: Location) => void,
): ParsedTask {
  const title = stripEndPunctuation(fields.title);
  const content = [fields.duties, fields.requirements].filter(Boolean).join('\n');
  const duties = fields.deadlineDuties.length > 0 ? fields.deadlineDuties : [{ text: fields.duties || title, deadline: fields.deadline }];
  countRequirements(duties.length, where);
  const requirements = duties.map((duty, i) =>
    buildRequirement(
      {
        text: duty.text,
        deadlineText: duty.deadline || cycle || '',
        responsibility: { lead: fields.lead, cooperating: fields.cooperating },
        where: duties.length > 1 ? { ...where, requirement: i + 1 } : where,
      },
      year,
      problems,
    ),
  );
  return { number, title, content: content || null, section: item.section, where, points: null, requirements };
}
