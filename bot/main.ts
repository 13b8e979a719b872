/**
 * The entry point: reads the configuration, opens (and migrates) the database, then runs
 * the bot against Telegram when BOT_TOKEN is set. Without a token it says so; the offline
 * sandbox (issue 3) will run there instead.
 */
import { readConfig, ConfigError } from './config';
import { openDatabase } from '../db';
import { plans } from '../db/schema';
import { count } from 'drizzle-orm';

function start(): void {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = openDatabase(config.database.file);
  const planCount = database.db.select({ n: count() }).from(plans).get()?.n ?? 0;
  console.log(`Duban: database ${config.database.file} ready (${planCount} plan(s)).`);
  if (!config.telegram.botToken) {
    console.log('No BOT_TOKEN is set, so the bot is not connected to Telegram.');
    console.log('Import a plan with: npx duban import FILE --dry-run');
    database.close();
    return;
  }
  console.log('BOT_TOKEN is set, but the Telegram bot arrives with the chat features; nothing to run yet.');
  database.close();
}

start();
