import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseContentDisposition, parseMultipart } from '../../../sandbox/emulator/multipart';

const crlf = (...lines: Array<string | Buffer>) =>
  Buffer.concat(lines.map((line) => (typeof line === 'string' ? Buffer.from(line) : line)));

describe('parseMultipart', () => {
  it("reads grammY's compact part headers with an unquoted UTF-8 file name and binary content", () => {
    const binary = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x2d, 0x2d, 255]);
    const body = crlf(
      '--XYZ\r\n',
      'content-disposition:form-data;name="chat_id"\r\n\r\n42',
      '\r\n--XYZ\r\n',
      'content-disposition:form-data;name="document"\r\n\r\nattach://abc',
      '\r\n--XYZ\r\n',
      'content-disposition:form-data;name="abc";filename=2026 任务 表.xlsx\r\ncontent-type:application/octet-stream\r\n\r\n',
      binary,
      '\r\n--XYZ--\r\n',
    );
    const parts = parseMultipart(body, 'XYZ');
    expect(parts.map((part) => [part.name, part.filename, part.contentType])).toEqual([
      ['chat_id', undefined, undefined],
      ['document', undefined, undefined],
      ['abc', '2026 任务 表.xlsx', 'application/octet-stream'],
    ]);
    expect(parts[0]?.data.toString()).toBe('42');
    expect(parts[2]?.data.equals(binary)).toBe(true);
  });

  it('reads standard headers written by browsers and curl', () => {
    const body = crlf(
      'preamble\r\n--b\r\n',
      'Content-Disposition: form-data; name="document"; filename="a \\"b\\".txt"\r\nContent-Type: text/plain\r\n\r\nhi',
      '\r\n--b--',
    );
    expect(parseMultipart(body, 'b')).toEqual([
      { name: 'document', filename: 'a "b".txt', contentType: 'text/plain', data: Buffer.from('hi') },
    ]);
  });

  it('refuses bodies that are not multipart', () => {
    expect(() => parseMultipart(Buffer.from('hello'), 'b')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b\r\ncontent-disposition: form-data; name="x"\r\n\r\nno end'), 'b')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b\r\ncontent-type: text/plain\r\n\r\nx\r\n--b--'), 'b')).toThrow(/without a name/);
  });
});

describe('boundaryOf and parseContentDisposition', () => {
  it('finds quoted and unquoted boundaries', () => {
    expect(boundaryOf('multipart/form-data; boundary=----------abc')).toBe('----------abc');
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
  });

  it('prefers an RFC 5987 file name', () => {
    expect(parseContentDisposition('form-data; name="f"; filename="x.xlsx"; filename*=UTF-8\'\'%E4%BB%BB%E5%8A%A1.xlsx')).toEqual({
      name: 'f',
      filename: '任务.xlsx',
    });
  });
});
