/**
 * How an item of a plan is named everywhere people read it — chat, reminders, summaries, the
 * circular and the ledger: the task's number and the requirement's circled index, "18③".
 * One rule, so an office reading the circular finds the same item in its Excel ledger. Pure.
 */

/** ① for 1 … ⑳ for 20; "(21)" beyond, where Unicode has no circled numbers in one block. */
export function circled(index: number): string {
  return index >= 1 && index <= 20 ? String.fromCodePoint(0x2460 + index - 1) : `(${index})`;
}

/** "18③": task 18, its third requirement. */
export function itemLabel(taskNumber: string, index: number): string {
  return `${taskNumber}${circled(index)}`;
}
