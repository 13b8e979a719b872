/**
 * The functions under test, by name, so a worker thread can be told which to call. Each
 * takes one plain (structured-cloneable) input object.
 */
import { readPlan } from '../../../plans/import';
import { readDeadline, splitDeadlineCell } from '../../../plans/deadline';
import { readQuota } from '../../../plans/quota';
import { readResponsibility } from '../../../plans/units';

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
  readResponsibility: (input: TextInput) => readResponsibility(input.text),
};

export type TargetName = keyof typeof targets;
export type TargetInput<T extends TargetName> = Parameters<(typeof targets)[T]>[0];
export type TargetResult<T extends TargetName> = Awaited<ReturnType<(typeof targets)[T]>>;
