/**
 * Shared set-up for emulator tests that talk HTTP: an emulator with a manual clock, a few
 * people, and a raw grammY Api (no auto-retry, so every Telegram answer reaches the test).
 */
import { Api, GrammyError } from 'grammy';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../sandbox/emulator/index';

export const LIAISON = { id: 4201, firstName: '丽', lastName: '王', username: 'wangli', languageCode: 'zh-hans', hasStartedBots: true };
export const LEAD = { id: 4202, firstName: 'Tom', languageCode: 'en', hasStartedBots: true };
export const NEWCOMER = { id: 4203, firstName: '新' };
export const OFFICE_GROUP = { id: -5001, title: '办公室', members: [LIAISON.id, LEAD.id] };

/** 2026-03-10 08:00 in Shanghai; a fixed instant, so results do not depend on TZ. */
export const START_MS = Date.UTC(2026, 2, 10, 0, 0, 0);

export interface Harness {
  emulator: Emulator;
  api: Api;
  clock: { now: () => number; advance: (ms: number) => void };
}

export async function openHarness(options: EmulatorOptions = {}): Promise<Harness> {
  let now = START_MS;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const emulator = await startEmulator({
    now: clock.now,
    users: [LIAISON, LEAD, NEWCOMER],
    groups: [OFFICE_GROUP],
    ...options,
  });
  const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
  return { emulator, api, clock };
}

/** The Telegram error a call fails with; fails the test if the call succeeds or fails otherwise. */
export async function telegramError(call: Promise<unknown>): Promise<GrammyError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a Telegram error');
}
