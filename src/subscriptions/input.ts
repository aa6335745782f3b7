import { isAbsolute } from "node:path";
import { z } from "zod";
import { checkSchedule, ScheduleError } from "../digests/slots.ts";

export const FORMATS = ["MARKDOWN", "HTML", "JSON"] as const;

/** A subscription field the caller got wrong; `field` is the input field's name. */
export class SubscriptionInputError extends Error {
  override name = "SubscriptionInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const fields = {
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens"),
  name: z.string().trim().min(1).max(200),
  cron: z.string().trim().min(1),
  timeZone: z.string().min(1),
  signals: z.array(z.string().min(1)).min(1, "needs at least one signal"),
  formats: z.array(z.enum(FORMATS)).min(1, "needs at least one format"),
  webhookUrl: z
    .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" })
    .nullable()
    .optional(),
  folder: z
    .string()
    .refine((p) => isAbsolute(p), "must be an absolute path")
    .nullable()
    .optional(),
  email: z.email("must be an e-mail address").nullable().optional(),
  active: z.boolean().optional(),
};

export const createSubscriptionInput = z.object(fields).strict();
export const updateSubscriptionInput = z.object(fields).partial().strict();
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionInput>;
export type UpdateSubscriptionInput = z.infer<typeof updateSubscriptionInput>;

function firstIssue(error: z.ZodError): SubscriptionInputError {
  const issue = error.issues[0];
  const field = (issue?.path ?? []).map(String).join(".") || "input";
  return new SubscriptionInputError(field, `${field}: ${issue?.message ?? "invalid"}`);
}

/** Validates an input (create: all required fields; update: those given) and the schedule; throws naming the field. */
export function checkSubscriptionInput<T extends "create" | "update">(
  mode: T,
  input: unknown,
  current?: { cron: string; timeZone: string },
): T extends "create" ? CreateSubscriptionInput : UpdateSubscriptionInput {
  const parsed = (mode === "create" ? createSubscriptionInput : updateSubscriptionInput).safeParse(input);
  if (!parsed.success) throw firstIssue(parsed.error);
  const data = parsed.data as UpdateSubscriptionInput;
  const cron = data.cron ?? current?.cron;
  const timeZone = data.timeZone ?? current?.timeZone ?? "UTC";
  if (cron !== undefined) {
    try {
      checkSchedule(cron, timeZone);
    } catch (error) {
      if (error instanceof ScheduleError) throw new SubscriptionInputError(error.field, error.message);
      throw error;
    }
  }
  return data as never;
}
