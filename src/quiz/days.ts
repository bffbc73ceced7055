/**
 * The study day. Like Anki, a day starts at a rollover hour (4 a.m. local
 * time by default), so a late-night session still counts as the same day.
 * The offset from UTC is passed in, which keeps these functions pure.
 */
export interface DayClock {
  /** Hour of local time at which a new study day begins (0-23). */
  rolloverHour: number;
  /** Local time minus UTC, in minutes (e.g. +60 for CET in winter). */
  offsetMinutes: number;
}

export const DEFAULT_ROLLOVER_HOUR = 4;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The day clock of a place whose local time is `offsetMinutes` ahead of UTC. */
export function dayClock(offsetMinutes: number, rolloverHour = DEFAULT_ROLLOVER_HOUR): DayClock {
  return { rolloverHour, offsetMinutes };
}

/** The start of the study day that contains `at`. */
export function dayStart(at: Date, clock: DayClock): Date {
  const shift = clock.offsetMinutes * 60_000 - clock.rolloverHour * HOUR;
  const local = at.getTime() + shift;
  return new Date(Math.floor(local / DAY) * DAY - shift);
}

/** The start of the study day after the one that contains `at`. */
export function nextDayStart(at: Date, clock: DayClock): Date {
  return new Date(dayStart(at, clock).getTime() + DAY);
}
