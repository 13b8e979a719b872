/**
 * A lenient multipart/form-data reader. It exists because grammY writes part headers the way
 * Telegram tolerates but undici's `Request.formData()` refuses: `content-disposition:form-data;
 * name="x";filename=report 2026.xlsx` (no spaces after separators, an unquoted filename that may
 * contain spaces, raw UTF-8 in it).
 */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function unquote(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Reads `name`, `filename` and RFC 5987 `filename*` out of a content-disposition value. */
export function parseContentDisposition(value: string): { name?: string; filename?: string } {
  const result: { name?: string; filename?: string } = {};
  const name = /(?:^|;)\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(value);
  if (name !== null) result.name = name[1] !== undefined ? unquote(name[1]) : (name[2] ?? '').trim();
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]*)/i.exec(value);
  if (extended !== null) {
    try {
      result.filename = decodeURIComponent((extended[2] ?? '').trim());
      return result;
    } catch {
      // A malformed extended name falls back to the plain one below.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(.*?))\s*(?=;\s*(?:name|filename\*?)\s*=|$)/i.exec(value);
  if (plain !== null) result.filename = plain[1] !== undefined ? unquote(plain[1]) : (plain[2] ?? '');
  return result;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const headerEnd = Buffer.from('\r\n\r\n');
  const parts: MultipartPart[] = [];

  let position = body.indexOf(delimiter);
  if (position < 0) throw new MultipartError('no multipart boundary in the body');
  position += delimiter.length;
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // "--": the closing delimiter
    const lineEnd = body.indexOf('\r\n', position);
    if (lineEnd < 0) throw new MultipartError('multipart body ends inside a delimiter line');
    const partStart = lineEnd + 2;
    const partEnd = body.indexOf(nextDelimiter, partStart);
    if (partEnd < 0) throw new MultipartError('multipart body has no closing delimiter');

    const headersEnd = body.indexOf(headerEnd, partStart);
    // A part with no headers at all starts with the blank line itself.
    const blankFirst = body[partStart] === 0x0d && body[partStart + 1] === 0x0a;
    const headerText = blankFirst || headersEnd < 0 || headersEnd > partEnd ? '' : body.toString('utf8', partStart, headersEnd);
    const dataStart = blankFirst ? partStart + 2 : headersEnd + 4;
    if (!blankFirst && (headersEnd < 0 || headersEnd > partEnd)) {
      throw new MultipartError('multipart part without a blank line after its headers');
    }

    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = parseContentDisposition(headers.get('content-disposition') ?? '');
    if (disposition.name === undefined) throw new MultipartError('multipart part without a name');
    const part: MultipartPart = { name: disposition.name, data: body.subarray(dataStart, partEnd) };
    if (disposition.filename !== undefined) part.filename = disposition.filename;
    const contentType = headers.get('content-type');
    if (contentType !== undefined) part.contentType = contentType;
    parts.push(part);

    position = partEnd + nextDelimiter.length;
  }
}
