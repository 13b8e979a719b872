/**
 * The `duban` command as compiled JavaScript (`node dist/bin/main.js …`, what the container's
 * health check and the systemd backup timer run). In the repository `npx duban` runs the same
 * command line from the sources through tsx (bin/duban.js).
 */
import { main } from './cli';
import { loadEnvFile } from '../app/config';

// The project's .env, as the bot reads it (variables already set win): the same DUBAN_DB.
loadEnvFile();
process.exitCode = await main(process.argv.slice(2));
