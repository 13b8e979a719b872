import { describe, expect, it } from 'vitest';
import { ApiError, badRequest } from '../../../sandbox/emulator/api-error';
import { Params, paramsFromRequest } from '../../../sandbox/emulator/params';

const invalid = () => badRequest('invalid');

describe('Params', () => {
  it('reads the same values from a JSON body and from form strings', () => {
    const fromJson = new Params({ chat_id: -100, disable_notification: true, reply_markup: { inline_keyboard: [] } });
    const fromForm = new Params({ chat_id: '-100', disable_notification: 'true', reply_markup: '{"inline_keyboard":[]}' });
    for (const params of [fromJson, fromForm]) {
      expect(params.integer('chat_id')).toBe(-100);
      expect(params.boolean('disable_notification')).toBe(true);
      expect(params.json('reply_markup', invalid)).toEqual({ inline_keyboard: [] });
      expect(params.string('chat_id')).toBe('-100');
    }
  });

  it('refuses non-integers and broken JSON', () => {
    expect(() => new Params({ offset: 'x' }).integer('offset')).toThrow(ApiError);
    expect(() => new Params({ offset: 1.5 }).integer('offset')).toThrow(ApiError);
    expect(() => new Params({ reply_markup: '{' }).json('reply_markup', invalid)).toThrow('Bad Request: invalid');
    expect(new Params({ offset: '' }).integer('offset')).toBeUndefined();
  });

  it('tells uploads, attach:// references, file ids and URLs apart', () => {
    const upload = { filename: 'a.xlsx', data: Buffer.from('x') };
    const params = new Params(
      { document: 'attach://f1', photo: 'AgACfileid', thumbnail: 'https://example.com/t.jpg', missing: 'attach://nope' },
      new Map([
        ['f1', upload],
        ['certificate', upload],
      ]),
    );
    expect(params.file('document')).toEqual({ kind: 'upload', file: upload });
    expect(params.file('certificate')).toEqual({ kind: 'upload', file: upload });
    expect(params.file('photo')).toEqual({ kind: 'file_id', fileId: 'AgACfileid' });
    expect(params.file('thumbnail')).toEqual({ kind: 'url', url: 'https://example.com/t.jpg' });
    expect(params.file('other')).toBeUndefined();
    expect(() => params.file('missing')).toThrow(ApiError);
  });

  it('summarises uploads and parses JSON parameters for the call record', () => {
    const params = new Params(
      { chat_id: '5', document: 'attach://f1', reply_markup: '{"inline_keyboard":[]}', text: '{not json}' },
      new Map([['f1', { filename: 'a.xlsx', contentType: 'application/octet-stream', data: Buffer.alloc(10) }]]),
    );
    expect(params.summary()).toEqual({
      chat_id: '5',
      document: { file: { name: 'a.xlsx', size: 10, content_type: 'application/octet-stream' } },
      reply_markup: { inline_keyboard: [] },
      text: '{not json}',
    });
  });
});

describe('paramsFromRequest', () => {
  it('merges the query string with a JSON, urlencoded or multipart body', () => {
    const query = new URLSearchParams('chat_id=1&text=from-query');
    expect(paramsFromRequest(query, 'application/json', Buffer.from('{"text":"json"}')).summary()).toEqual({ chat_id: '1', text: 'json' });
    expect(paramsFromRequest(query, 'application/x-www-form-urlencoded', Buffer.from('text=%E4%BD%A0')).summary()).toEqual({
      chat_id: '1',
      text: '你',
    });
    const multipart = Buffer.from('--b\r\ncontent-disposition: form-data; name="text"\r\n\r\nmp\r\n--b--\r\n');
    expect(paramsFromRequest(query, 'multipart/form-data; boundary=b', multipart).summary()).toEqual({ chat_id: '1', text: 'mp' });
    expect(paramsFromRequest(query, undefined, Buffer.alloc(0)).summary()).toEqual({ chat_id: '1', text: 'from-query' });
  });

  it('answers 400 for bodies it cannot read', () => {
    expect(() => paramsFromRequest(new URLSearchParams(), 'application/json', Buffer.from('{'))).toThrow(
      "Bad Request: can't parse JSON encoded request body",
    );
    expect(() => paramsFromRequest(new URLSearchParams(), 'application/json', Buffer.from('[1]'))).toThrow(ApiError);
    expect(() => paramsFromRequest(new URLSearchParams(), 'multipart/form-data; boundary=b', Buffer.from('junk'))).toThrow(
      /can't parse multipart/,
    );
  });
});
