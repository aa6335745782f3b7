import { CronExpressionParser } from "cron-parser";

/** How many missed slots a scheduler catches up per subscription (the most recent ones). */
export const CATCH_UP_SLOTS = 24;

/** A schedule that cannot be used; `field` is `cron` or `timeZone`. */
export class ScheduleError extends Error {
  override name = "ScheduleError";
  constructor(
    readonly field: "cron" | "timeZone",
    message: string,
  ) {
    super(message);
  }
}

/** Validates an IANA time zone name (as Intl knows them). */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone }).format(0);
  } catch {
    throw new ScheduleError("timeZone", `"${timeZone}" is not an IANA time zone (e.g. Europe/Berlin)`);
  }
  return timeZone;
}

/** Validates a five- or six-field cron expression in its time zone (cron-parser). */
export function checkSchedule(cron: string, timeZone: string): void {
  checkTimeZone(timeZone);
  try {
    CronExpressionParser.parse(cron, { tz: timeZone, strict: false }).next();
  } catch (error) {
    throw new ScheduleError("cron", `invalid cron expression "${cron}": ${(error as Error).message}`);
  }
}

const parse = (cron: string, timeZone: string, at: Date) =>
  CronExpressionParser.parse(cron, { tz: timeZone, currentDate: at });

/** The last slot strictly before `t`. */
export function previousSlot(cron: string, timeZone: string, t: Date): Date {
  return parse(cron, timeZone, new Date(t.getTime() - 1))
    .prev()
    .toDate();
}

/** The latest slot at or before `t`, or null if none (cron-parser searches a bounded range). */
export function latestSlotAtOrBefore(cron: string, timeZone: string, t: Date): Date {
  return parse(cron, timeZone, new Date(t.getTime() + 1))
    .prev()
    .toDate();
}

/** True when `t` is a slot of the schedule. */
export function isSlot(cron: string, timeZone: string, t: Date): boolean {
  return latestSlotAtOrBefore(cron, timeZone, t).getTime() === t.getTime();
}

/** The slots in (after, until], oldest first, keeping at most the `limit` most recent. */
export function slotsBetween(
  cron: string,
  timeZone: string,
  after: Date,
  until: Date,
  limit: number,
): Date[] {
  const slots: Date[] = [];
  const it = parse(cron, timeZone, new Date(until.getTime() + 1));
  while (slots.length < limit) {
    const slot = it.prev().toDate();
    if (slot.getTime() <= after.getTime()) break;
    slots.push(slot);
  }
  return slots.reverse();
}

/** The `count` slots ending at `t` (t included), oldest first. */
export function lastSlots(cron: string, timeZone: string, t: Date, count: number): Date[] {
  return slotsBetween(cron, timeZone, new Date(0), t, count);
}

/** The calendar date of an instant in a time zone (YYYY-MM-DD), for index dates. */
export function dateIn(t: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(t);
}
