/**
 * The plans' clock: every deadline, reminder and period is on Beijing time, whatever the
 * server's zone.
 */
import { Settings } from 'luxon';

// A misspelt zone must fail loudly, not silently become "Invalid DateTime".
Settings.throwOnInvalid = true;
declare module 'luxon' {
  interface TSSettings {
    throwOnInvalid: true;
  }
}

export const PLAN_ZONE = 'Asia/Shanghai';
