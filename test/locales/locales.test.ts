import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, LOCALES_DIR, createI18n } from '../../bot/i18n';

const root = new URL('../..', import.meta.url).pathname;

function keys(locale: string): string[] {
  const text = readFileSync(join(LOCALES_DIR, `${locale}.ftl`), 'utf8');
  return [...text.matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)].map((m) => m[1]!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('locales', () => {
  it('has a file for every language, each with the same keys', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual(LOCALES.map((l) => `${l}.ftl`).sort());
    const chinese = keys('zh-CN');
    expect(chinese.length).toBeGreaterThan(20);
    for (const locale of LOCALES) expect(keys(locale).sort()).toEqual([...chinese].sort());
  });

  it('holds every key the code asks for by name', () => {
    const known = new Set(keys('zh-CN'));
    const used = new Set<string>();
    for (const file of [...sourceFiles('bot'), ...sourceFiles('schedules')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*(?:[a-zA-Z.]+,\s*)?'([a-z][a-z0-9_-]*)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });

  it("translates in both languages through the bot's i18n, without bidi isolation marks", () => {
    const i18n = createI18n();
    expect(i18n.t('zh-CN', 'tasks-status-open', { days: 3 })).toBe('未报送，还有 3 天');
    expect(i18n.t('en', 'tasks-status-open', { days: 3 })).toBe('not reported, 3 days left');
    for (const status of ['done', 'in_progress', 'blocked', 'nothing']) {
      for (const locale of LOCALES) expect(i18n.t(locale, `status-${status}`)).not.toMatch(/^status-/);
    }
  });
});
