import { describe, expect, it } from 'vitest';
import { readConfig } from '../../app/config';

describe('readConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = readConfig({});
    expect(config.database.file).toBe('data/duban.sqlite');
    expect(config.telegram.botToken).toBeUndefined();
    expect(config.telegram.apiRoot).toBe('https://api.telegram.org');
    expect(config.admins).toEqual([]);
    expect(config.sandbox).toEqual({ databaseFile: 'data/sandbox.sqlite', host: '127.0.0.1', port: 8080 });
  });

  it('reads every variable', () => {
    const config = readConfig({
      BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      DUBAN_DB: '/tmp/x.sqlite',
      DUBAN_ADMINS: '111, 222',
      SANDBOX_DB: '/tmp/s.sqlite',
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_PORT: '9090',
    });
    expect(config.sandbox).toEqual({ databaseFile: '/tmp/s.sqlite', host: '0.0.0.0', port: 9090 });
    expect(config.telegram.botToken).toBe('123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345');
    expect(config.telegram.apiRoot).toBe('http://127.0.0.1:8081');
    expect(config.database.file).toBe('/tmp/x.sqlite');
    expect(config.admins).toEqual([111, 222]);
  });

  it('treats blank values as unset', () => {
    expect(readConfig({ BOT_TOKEN: '  ', DUBAN_DB: '' }).database.file).toBe('data/duban.sqlite');
  });

  it('names every bad variable in one message', () => {
    expect(() =>
      readConfig({ BOT_TOKEN: 'nonsense', DUBAN_ADMINS: '12,abc', TELEGRAM_API_ROOT: 'not a url', SANDBOX_PORT: '80x' }),
    ).toThrow(/BOT_TOKEN: .*bot token[\s\S]*TELEGRAM_API_ROOT[\s\S]*DUBAN_ADMINS: "abc" is not a Telegram user id[\s\S]*SANDBOX_PORT/);
  });
});
