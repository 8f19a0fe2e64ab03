// R3: the organization's reminder settings, checked at the edge.
import { z } from "zod";

/** From one week to a year between reminders; 42 days (6 weeks) by default. */
export const REMINDER_DELAY_MIN_DAYS = 7;
export const REMINDER_DELAY_MAX_DAYS = 365;

export const reminderSettingsSchema = z.object({
  organizationId: z.string().min(1).max(64),
  delayDays: z.coerce.number().int().min(REMINDER_DELAY_MIN_DAYS).max(REMINDER_DELAY_MAX_DAYS),
  toAllApplicants: z.boolean(),
});

export type ReminderSettingsInput = z.input<typeof reminderSettingsSchema>;
