/**
 * Labels for generated inputs: what fast-check prints for a failing input instead of its
 * megabytes, and what the drills' messages and traces name an input by.
 */
import fc from 'fast-check';

/** A generated input with a short description, which fast-check prints instead of megabytes. */
export interface Described {
  label: string;
}

export function labelled<T extends object>(label: string, value: T): T & Described {
  const summary = () => `${label} ${summarize(value)}`;
  return Object.assign(value, { label, [fc.toStringMethod]: summary });
}

function summarize(value: object): string {
  const fields = Object.entries(value)
    .filter(([key]) => key !== 'label')
    .map(([key, v]) => `${key}: ${excerpt(v)}`);
  return `{ ${fields.join(', ')} }`;
}

function excerpt(value: unknown): string {
  if (value instanceof Uint8Array) {
    return `${value.byteLength} bytes ${Buffer.from(value.subarray(0, 48)).toString('hex')}${value.byteLength > 48 ? '…' : ''}`;
  }
  if (typeof value === 'string') {
    return value.length > 160
      ? `${value.length} chars ${JSON.stringify(value.slice(0, 80))}…${JSON.stringify(value.slice(-40))}`
      : JSON.stringify(value);
  }
  return JSON.stringify(value) ?? String(value);
}
