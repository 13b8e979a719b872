/**
 * A button's callback data, written and read in one place: a prefix and typed fields joined by
 * ":" (Telegram allows 64 bytes). A feature defines each of its buttons once with
 * callbackData() and uses `encode` on the keyboard and `pattern`/`decode` in its handler, so the
 * two can never drift apart.
 */

/** A whole number, a word (no ":"), one of a few given words, or text of a given shape. */
type FieldType = 'int' | 'word' | readonly string[] | RegExp;
type FieldValue<T extends FieldType> = T extends 'int' ? number : T extends readonly (infer W)[] ? W : string;
export type CallbackFields = Record<string, FieldType>;
export type CallbackValues<F extends CallbackFields> = { [K in keyof F]: FieldValue<F[K]> };

export interface CallbackData<F extends CallbackFields> {
  readonly prefix: string;
  /** Matches this button's data, and only it (for bot.callbackQuery). */
  readonly pattern: RegExp;
  encode(values: CallbackValues<F>): string;
  /** The fields of data matching `pattern`; null for anything else. */
  decode(data: string | undefined): CallbackValues<F> | null;
}

function fieldPattern(type: FieldType): string {
  if (type === 'int') return '(-?\\d+)';
  if (type === 'word') return '([^:]+)';
  if (type instanceof RegExp) return `(${type.source})`;
  return `(${type.map(escapeRegExp).join('|')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function callbackData<const F extends CallbackFields>(prefix: string, fields: F): CallbackData<F> {
  const names = Object.keys(fields) as (keyof F & string)[];
  const pattern = new RegExp(`^${[escapeRegExp(prefix), ...names.map((name) => fieldPattern(fields[name]!))].join(':')}$`);
  return {
    prefix,
    pattern,
    encode(values) {
      const data = [prefix, ...names.map((name) => String(values[name]))].join(':');
      if (Buffer.byteLength(data) > 64) throw new Error(`callback data over Telegram's 64 bytes: ${data}`);
      return data;
    },
    decode(data) {
      const match = data === undefined ? null : pattern.exec(data);
      if (!match) return null;
      const values: Record<string, string | number> = {};
      names.forEach((name, i) => {
        values[name] = fields[name] === 'int' ? Number(match[i + 1]) : match[i + 1]!;
      });
      return values as CallbackValues<F>;
    },
  };
}
