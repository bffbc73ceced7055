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
/** The length of a study day, in milliseconds (the offset is fixed, so every day has 24 hours). */
export const DAY = 24 * HOUR;

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

/** `at` as local time on the clock's offset: "2025-03-01 13:10". */
export function localTime(at: Date, clock: DayClock): string {
  return new Date(at.getTime() + clock.offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Local time minus UTC at `at`, in minutes, in the time zone `zone` (an IANA
 * name such as Europe/Paris, as TZ holds it); the process's own zone when
 * `zone` is missing or not one Intl knows (a POSIX TZ string, say).
 */
export function zoneOffsetMinutes(zone: string | undefined, at: Date): number {
  const name = zone?.replace(/^:/, '');
  if (name === undefined || name === '') return -at.getTimezoneOffset();
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(at);
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    const offset = Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
    return Number.isFinite(offset) ? offset : -at.getTimezoneOffset();
  } catch {
    return -at.getTimezoneOffset();
  }
}

/** The start of the study day after the one that contains `at`. */
export function nextDayStart(at: Date, clock: DayClock): Date {
  return new Date(dayStart(at, clock).getTime() + DAY);
}
