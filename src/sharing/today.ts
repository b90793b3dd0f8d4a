const formats = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: string }>();

/**
 * Today's date (YYYY-MM-DD) in a time zone: campaigns run by calendar day where the person is.
 * Remembered per time zone for the current minute (zone offsets are whole minutes, so a day
 * never turns inside one), since the feed asks on every request and formatting is not free.
 */
export function dateIn(timeZone: string, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  let known = formats.get(timeZone);
  if (!known) {
    try {
      known = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: Number.NaN, date: '' };
    } catch {
      return now.toISOString().slice(0, 10);
    }
    // Time zones are a bounded set (the IANA list), so is this map.
    formats.set(timeZone, known);
  }
  if (known.minute !== minute) {
    known.date = known.format.format(now);
    known.minute = minute;
  }
  return known.date;
}
