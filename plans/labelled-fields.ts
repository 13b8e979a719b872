/**
 * An item written as labelled fields, as district plans do:
 *
 *   (一)完善组织领导体系 工作职责:… 工作要求:一是…二是… 工作时限:1.xx年6月末前,…。2.…
 *   牵头单位:区发改局 责任单位:区委办、区政府办、…
 *
 * The fields are cut at their labels; the deadline field is cut into the duties it names
 * (numbered 1. 2., or clauses each with a date), each a requirement with its own deadline.
 * Pure.
 */
import { splitDuties } from './deadline';

const WORK_LABELS = ['工作职责', '工作内容', '主要内容'];
const DEMAND_LABELS = ['工作要求', '具体要求'];
const DEADLINE_LABELS = ['工作时限', '完成时限', '完成时间', '时间节点', '时限要求'];
const LEAD_LABELS = ['牵头单位', '牵头科室', '牵头处室', '牵头部门'];
const RESPONSIBLE_LABELS = ['责任单位', '责任科室', '责任处室', '责任部门'];
const COOPERATING_LABELS = ['配合单位', '配合科室', '配合处室', '配合部门'];
const ALL = [...WORK_LABELS, ...DEMAND_LABELS, ...DEADLINE_LABELS, ...LEAD_LABELS, ...RESPONSIBLE_LABELS, ...COOPERATING_LABELS];
const LABEL = new RegExp(`(${ALL.join('|')})[:]`, 'g');

export interface Duty {
  /** The duty's words. */
  text: string;
  /** The deadline phrase read in them, or '' when none. */
  deadline: string;
}

export interface LabelledFields {
  /** The item's own words before the first label: its title. */
  title: string;
  duties: string;
  requirements: string;
  /** The deadline field as written. */
  deadline: string;
  /** The duties the deadline field names; empty when it names none (or there is no field). */
  deadlineDuties: Duty[];
  lead: string;
  cooperating: string;
}

/** The fields of an item, or null when it is not written as work fields. */
export function readLabelledFields(text: string): LabelledFields | null {
  const found = [...text.matchAll(LABEL)];
  if (!found.some((m) => WORK_LABELS.includes(m[1]!) || DEMAND_LABELS.includes(m[1]!))) return null;
  const values = new Map<string, string[]>();
  found.forEach((match, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.index : text.length;
    const value = text.slice(match.index + match[0].length, end).trim();
    const list = values.get(match[1]!) ?? [];
    list.push(value);
    values.set(match[1]!, list);
  });
  const joined = (labels: string[], separator = '') =>
    labels
      .flatMap((label) => values.get(label) ?? [])
      .filter(Boolean)
      .join(separator);
  const lead = joined(LEAD_LABELS, '、');
  const responsible = joined(RESPONSIBLE_LABELS, '、');
  const cooperating = joined(COOPERATING_LABELS, '、');
  const deadline = joined(DEADLINE_LABELS, ';');
  return {
    title: text.slice(0, found[0]!.index).trim(),
    duties: joined(WORK_LABELS),
    requirements: joined(DEMAND_LABELS),
    deadline,
    deadlineDuties: splitDeadlineField(deadline),
    // 牵头单位 leads and 责任单位 takes part; without a 牵头 label the responsible units lead.
    lead: lead || responsible,
    cooperating: lead ? [responsible, cooperating].filter(Boolean).join('、') : cooperating,
  };
}

/**
 * The duties of a deadline field: "1.xx年6月末前,各成员单位报送…。2.xx年8月15日前,…" or
 * "xx年6月30日前,…报送…名单;各成员单位于每个双数月15日前向…报送…", one per deadline
 * (`splitDuties`). A field that names no date (长期推进,实时更新信息) is one duty.
 */
export function splitDeadlineField(field: string): Duty[] {
  if (field.trim() === '') return [];
  const duties = splitDuties(field);
  if (duties.length === 0) return [{ text: field.trim(), deadline: field.trim() }];
  return duties.map((duty) => ({ text: duty.text, deadline: duty.deadline.text }));
}
