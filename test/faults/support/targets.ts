/**
 * The functions under test, by name, so a worker thread can be told which to call. Each
 * takes one plain (structured-cloneable) input object.
 */
import { readPlan } from '../../../plans/import';
import { findDeadlines, readDeadline, splitDeadlineCell, splitDuties } from '../../../plans/deadline';
import { readQuota, readQuotas } from '../../../plans/quota';
import { findUnitClause, readResponsibility, unitNameProblem } from '../../../plans/units';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
  year: number | null;
}

export interface TextInput {
  text: string;
  year?: number | null;
}

export const targets = {
  readPlan: (input: FileInput) => readPlan(input.name, input.bytes, { year: input.year }),
  readDeadline: (input: TextInput) => readDeadline(input.text, { year: input.year ?? null }),
  splitDeadlineCell: (input: TextInput) => splitDeadlineCell(input.text),
  readQuota: (input: TextInput) => readQuota(input.text),
  findDeadlines: (input: TextInput) => findDeadlines(input.text, { year: input.year ?? null }),
  splitDuties: (input: TextInput) => splitDuties(input.text, { year: input.year ?? null }),
  readQuotas: (input: TextInput) => readQuotas(input.text),
  readResponsibility: (input: TextInput) => readResponsibility(input.text),
  findUnitClause: (input: TextInput) => findUnitClause(input.text),
  unitNameProblem: (input: TextInput) => unitNameProblem(input.text, input.year ?? null),
};

export type TargetName = keyof typeof targets;
export type TargetInput<T extends TargetName> = Parameters<(typeof targets)[T]>[0];
export type TargetResult<T extends TargetName> = Awaited<ReturnType<(typeof targets)[T]>>;
