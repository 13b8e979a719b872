#!/usr/bin/env node
// The `duban` command: runs the TypeScript command line through tsx, so `npx duban …`
// works in the repository right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
// The project's .env, as the bot reads it (variables already set win): the same DUBAN_DB.
const { loadEnvFile } = await import('../app/config.ts');
loadEnvFile();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
