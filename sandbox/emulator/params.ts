/**
 * Bot API parameters, however they arrived: query string, JSON body, urlencoded or multipart
 * body (Telegram merges the query string with the body). Over form encodings every value is a
 * string and structured values are JSON text; the accessors here accept both forms, so method
 * handlers never care how a client chose to send a call.
 */
import { ApiError, badRequest } from './api-error';
import { boundaryOf, MultipartError, parseMultipart } from './multipart';

export interface UploadedFile {
  filename: string;
  contentType?: string;
  data: Buffer;
}

/** What a file parameter (photo, document …) refers to. */
export type FileInput = { kind: 'upload'; file: UploadedFile } | { kind: 'file_id'; fileId: string } | { kind: 'url'; url: string };

/** Parameters that carry JSON; the record shows them parsed whichever way they were sent. */
const JSON_PARAMETERS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'allowed_updates',
  'commands',
  'scope',
  'reply_parameters',
  'link_preview_options',
  'menu_button',
  'media',
  'results',
]);

export class Params {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly uploads: ReadonlyMap<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null;
  }

  raw(name: string): unknown {
    return this.values[name] ?? undefined;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }

  integer(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) {
      const parsed = Number(value);
      if (Number.isSafeInteger(parsed)) return parsed;
    }
    throw badRequest(`field "${name}" must be of type Integer`);
  }

  boolean(name: string): boolean | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return value === 1 || value === 'true' || value === 'True' || value === '1';
  }

  /** A structured parameter: the value itself in a JSON body, or JSON text in a form body. */
  json(name: string, onInvalid: () => ApiError): unknown {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw onInvalid();
    }
  }

  /** A file parameter: an `attach://name` reference or a part named like the parameter, a file_id, or a URL. */
  file(name: string): FileInput | undefined {
    const direct = this.uploads.get(name);
    if (direct !== undefined) return { kind: 'upload', file: direct };
    const value = this.string(name);
    if (value === undefined || value === '') return undefined;
    if (value.startsWith('attach://')) {
      const attached = this.uploads.get(value.slice('attach://'.length));
      if (attached === undefined) throw badRequest(`file "${value}" is not attached to the request`);
      return { kind: 'upload', file: attached };
    }
    if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
    return { kind: 'file_id', fileId: value };
  }

  /** The parameters as the call record keeps them: JSON parsed, uploaded bytes replaced by a summary. */
  summary(): Record<string, unknown> {
    const summary: Record<string, unknown> = {};
    const attachedNames = new Set<string>();
    for (const [name, value] of Object.entries(this.values)) {
      if (value === undefined || value === null) continue;
      let shown: unknown = value;
      if (typeof value === 'string' && value.startsWith('attach://')) {
        const attachName = value.slice('attach://'.length);
        const file = this.uploads.get(attachName);
        if (file !== undefined) {
          attachedNames.add(attachName);
          shown = describeUpload(file);
        }
      } else if (typeof value === 'string' && JSON_PARAMETERS.has(name)) {
        try {
          shown = JSON.parse(value) as unknown;
        } catch {
          // Shown as sent; the handler reports the parse error.
        }
      }
      summary[name] = shown;
    }
    for (const [name, file] of this.uploads) {
      if (!attachedNames.has(name) && !(name in summary)) summary[name] = describeUpload(file);
    }
    return summary;
  }
}

export interface UploadSummary {
  file: { name: string; size: number; content_type?: string };
}

function describeUpload(file: UploadedFile): UploadSummary {
  const described: UploadSummary['file'] = { name: file.filename, size: file.data.length };
  if (file.contentType !== undefined) described.content_type = file.contentType;
  return { file: described };
}

/** Builds the parameters of one request from its query string and body. */
export function paramsFromRequest(query: URLSearchParams, contentType: string | undefined, body: Buffer): Params {
  const values: Record<string, unknown> = Object.fromEntries(query);
  const uploads = new Map<string, UploadedFile>();
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

  if (body.length > 0 && type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON encoded request body");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('JSON request body must be an object');
    }
    Object.assign(values, parsed);
  } else if (body.length > 0 && type === 'application/x-www-form-urlencoded') {
    Object.assign(values, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type === 'multipart/form-data') {
    const boundary = boundaryOf(contentType ?? '');
    if (boundary === undefined) throw badRequest('multipart/form-data without a boundary');
    try {
      for (const part of parseMultipart(body, boundary)) {
        if (part.filename === undefined) {
          values[part.name] = part.data.toString('utf8');
        } else {
          const upload: UploadedFile = { filename: part.filename, data: part.data };
          if (part.contentType !== undefined) upload.contentType = part.contentType;
          uploads.set(part.name, upload);
        }
      }
    } catch (error) {
      if (error instanceof MultipartError) throw badRequest(`can't parse multipart/form-data: ${error.message}`);
      throw error;
    }
  }
  return new Params(values, uploads);
}
