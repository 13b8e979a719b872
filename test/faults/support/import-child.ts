/**
 * The kill-during-import drill's child: what `duban import FILE` does (readPlan, then
 * commitPlan in one transaction on DUBAN_DB, as the command line's actor), saying on stdout
 * when the commit starts and how long it took, so the drill can aim its SIGKILL inside it.
 * The commit's time is DRILL_NOW, so two commits of the plan write the same rows.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openDatabase } from '../../../db';
import { readPlan } from '../../../plans/import';
import { commitPlan } from '../../../plans/commit';

const file = process.argv[2]!;
const preview = await readPlan(basename(file), await readFile(file));
const database = openDatabase(process.env.DUBAN_DB!);
// Pipes are written synchronously on Linux: the drill sees this before the commit starts.
process.stdout.write('commit\n');
const started = performance.now();
commitPlan(database.db, preview, { actor: { personId: null, label: 'cli' }, now: new Date(Number(process.env.DRILL_NOW)) });
process.stdout.write(`done ${Math.round(performance.now() - started)}\n`);
database.close();
