/**
 * The layering `npm run lint` enforces (eslint.config.js): imports run downward only,
 * core <- db <- plans <- schedules <- digests <- bot <- app, bin; nothing but app imports the sandbox.
 * Each case lints a small file as if it sat in the folder named, importing real modules.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** The layering messages for `code` linted as the file `filePath`. */
async function layering(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('npm run lint: imports run downward only', () => {
  it('refuses a lower layer importing a higher one', async () => {
    expect(await layering('schedules/example.ts', "export { createBot } from '../bot/create-bot';\n")).toEqual([
      'Unexpected path "../bot/create-bot" imported in restricted zone. schedules/ is below bot/: imports run downward only (ARCHITECTURE.md).',
    ]);
    expect(await layering('core/example.ts', "export { openDatabase } from '../db';\n")).toHaveLength(1);
    expect(await layering('db/example.ts', "export type { ParsedPlan } from '../plans/plan';\n")).toHaveLength(1);
    expect(await layering('bot/example.ts', "export { assembleDuban } from '../app/duban';\n")).toHaveLength(1);
    // A dynamic import is an import too.
    expect(await layering('bot/example.ts', "export const load = () => import('../sandbox/run');\n")).toHaveLength(1);
  });

  it('lets a layer import the layers below it, and app the sandbox', async () => {
    expect(
      await layering('bot/example.ts', "export { escapeHtml } from '../core/format';\nexport { openDatabase } from '../db';\n"),
    ).toEqual([]);
    expect(await layering('schedules/example.ts', "export { PLAN_ZONE } from '../plans/due-dates';\n")).toEqual([]);
    expect(await layering('app/example.ts', "export const load = () => import('../sandbox/run');\n")).toEqual([]);
    expect(await layering('test/example.ts', "export { startSandbox } from '../sandbox/run';\n")).toEqual([]);
  });
});
