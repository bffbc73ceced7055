/** Dates as cards show them: "20 February 2025", "May 2000". Plain text rules, no NLP. */

export const MONTHS: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The years a text names, "1987" of "in 1987" (1000 to 2099, not inside a longer number or word). */
export function yearsIn(text: string): string[] {
  return text.match(/(?<![\p{L}\p{N}])(?:1[0-9]|20)\d\d(?![\p{L}\p{N}])/gu) ?? [];
}

/** A `when` that names one date: a day, a month or a year. */
export interface PointInTime {
  precision: 'day' | 'month' | 'year';
  /** Sortable: "2025-02-18", "2025-02", "2025". */
  iso: string;
  /** As shown: "18 February 2025", "February 2025", "2025". */
  shown: string;
}

/**
 * Reads a `when` as one date, or undefined when it is not one ("three years
 * ago", "before October 10, 2009", "1995 to 1999"): such a `when` gets no date
 * card (card-quality.md rule 3).
 */
export function pointInTime(when: string): PointInTime | undefined {
  const text = when.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(text);
  if (m) return { precision: 'year', iso: text, shown: text };
  m = /^([A-Za-z]+)\s+(\d{4})$/.exec(text);
  if (m) {
    const index = monthIndex(m[1] as string);
    if (index !== undefined) return month(Number(m[2]), index + 1);
  }
  m = /^(?:(\d{1,2})\s+([A-Za-z]+)|([A-Za-z]+)\s+(\d{1,2}),?)\s+(\d{4})$/.exec(text);
  if (m) {
    const index = monthIndex((m[2] ?? m[3]) as string);
    const dayOfMonth = Number(m[1] ?? m[4]);
    if (index !== undefined) return day(Number(m[5]), index + 1, dayOfMonth);
  }
  return undefined;
}

function monthIndex(name: string): number | undefined {
  const index = MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase() || m.slice(0, 3).toLowerCase() === name.toLowerCase());
  return index < 0 ? undefined : index;
}

function day(year: number, monthNumber: number, dayOfMonth: number): PointInTime | undefined {
  if (monthNumber < 1 || monthNumber > 12 || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const iso = `${year}-${String(monthNumber).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  return { precision: 'day', iso, shown: `${dayOfMonth} ${MONTHS[monthNumber - 1] as string} ${year}` };
}

function month(year: number, monthNumber: number): PointInTime | undefined {
  if (monthNumber < 1 || monthNumber > 12) return undefined;
  return { precision: 'month', iso: `${year}-${String(monthNumber).padStart(2, '0')}`, shown: `${MONTHS[monthNumber - 1] as string} ${year}` };
}

/** "2025-02-20" → "20 February 2025", "2000-05" → "May 2000"; other text is returned as written. */
export function longDate(when: string): string {
  return pointInTime(when)?.shown ?? when;
}

/** "2025-02-20" → "February 2025". */
export function monthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${MONTHS[Number(m[2]) - 1] as string} ${m[1] as string}` : iso;
}
