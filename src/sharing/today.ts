const formats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone: campaigns run by calendar day where the person is. */
export function dateIn(timeZone: string, now: Date): string {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return now.toISOString().slice(0, 10);
    }
    // Time zones are a bounded set (the IANA list), so is this map.
    formats.set(timeZone, format);
  }
  return format.format(now);
}
