/**
 * Rows written down as CSV or tab-separated text, properly or the ways hand-made and
 * half-broken files do it: quotes everywhere, nowhere, or left open.
 */
import type { Rows } from './tables';

export type Quoting = 'when needed' | 'always' | 'never' | 'one left open';
export const QUOTINGS: Quoting[] = ['when needed', 'always', 'never', 'one left open'];

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

export function toCsv(rows: Rows, quoting: Quoting, newline = '\r\n'): string {
  let opened = false;
  return rows
    .map((row) =>
      row
        .map((cell) => {
          if (quoting === 'always') return quote(cell);
          if (quoting === 'never') return cell;
          if (quoting === 'one left open' && !opened && cell.length > 0) {
            opened = true;
            return `"${cell}`;
          }
          return /[",\r\n]/.test(cell) ? quote(cell) : cell;
        })
        .join(','),
    )
    .join(newline);
}

/** A table as copied from a spreadsheet or extracted from a PDF: tabs between cells, no quoting. */
export function toTsv(rows: Rows, newline = '\n'): string {
  return rows.map((row) => row.join('\t')).join(newline);
}
