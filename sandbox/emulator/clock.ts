/** The emulator's notion of now, in milliseconds like Date.now; tests inject their own. */
export type Clock = () => number;

/** Telegram's `date` fields: whole unix seconds. */
export const unixSeconds = (milliseconds: number): number => Math.floor(milliseconds / 1000);
