/** The scenarios whose size is a number of units, in the order the growth curve runs them. */
import type { Scenario } from './lib';
import { importScenario } from './scenarios/import';
import { planningScenario } from './scenarios/planning';
import { summariesScenario } from './scenarios/summaries';

export const GROWTH_SCENARIOS: Scenario[] = [importScenario, planningScenario, summariesScenario];
