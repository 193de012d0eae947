import { z } from 'zod';

/**
 * What a council can set without code (G1), with the defaults from the statutory guidance and
 * SPEC. Each setting has a schema: a stored value that no longer fits falls back to the default.
 * The statutory core (for example that an assessment has a final checkpoint) cannot be switched off.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a real date')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'Enter a real date');

/** A closure day: its date and a short name ("Council closure day"). A bare date (as first stored) gets a plain name. */
const closureDay = z.union([
  z.object({ date: isoDate, name: z.string().trim().min(1, 'Enter a name for the closure day').max(60, 'The name must be 60 characters or fewer') }),
  isoDate.transform((date) => ({ date, name: 'Closure day' })),
]);

export type ClosureDay = { date: string; name: string };

export const SETTINGS = {
  /** Assessment checkpoints in working days from the referral date (day 0); the last is the final timescale. */
  'assessment.checkpoints': {
    schema: z
      .array(z.number().int('Each checkpoint must be a whole number of working days').min(1, 'Each checkpoint must be at least 1 working day').max(120, 'Each checkpoint must be 120 working days or fewer'))
      .min(1, 'Enter at least one checkpoint')
      .max(6, 'Enter 6 checkpoints or fewer')
      .refine((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), 'Each checkpoint must be later than the one before it'),
    default: [10, 30, 45] as number[],
    label: 'Assessment checkpoints (working days after the referral)',
    hint: 'The working days after the referral (day 0) when a manager decides what happens next. The last one is the final timescale for the assessment.',
  },
  /** An open assessment, checkpoint or review due within this many working days shows as "due soon". */
  'assessment.dueSoonWorkingDays': {
    schema: z.number().int('Enter a whole number').min(0, 'Enter 0 or more').max(30, 'Enter 30 or fewer'),
    default: 5,
    label: 'Working days before a due date when an assessment shows as due soon',
    hint: 'An assessment, checkpoint or review this close to its due date is marked as due soon.',
  },
  /** An authorised assessment's annual review shows on the manager's list this many days before it falls due. */
  'assessment.reviewNoticeDays': {
    schema: z.number().int('Enter a whole number').min(1, 'Enter 1 or more').max(120, 'Enter 120 or fewer'),
    default: 30,
    label: 'Days before an annual review of an assessment falls due when it shows on the manager’s list',
    hint: 'Calendar days. The review shows on the manager’s list this long before it is due.',
  },
  /** Days the council is closed, besides weekends and bank holidays (for example a closure between Christmas and New Year). */
  'calendar.closureDays': {
    schema: z
      .array(closureDay)
      .max(200, 'There can be 200 closure days at most')
      .refine((days) => new Set(days.map((d) => d.date)).size === days.length, 'That date is already a closure day'),
    default: [] as ClosureDay[],
    label: 'Closure days',
    hint: 'Days the council is closed besides weekends and bank holidays in England and Wales. They are not counted as working days.',
  },
  /** How often a child must be visited, by the type of their plan or episode. */
  'visits.frequency': {
    schema: z.partialRecord(
      z.enum(['child-protection', 'child-in-need', 'looked-after', 'early-help', 'care-leaver']),
      z.object({ every: z.number().int('Enter a whole number').min(1, 'Enter 1 or more').max(365, 'Enter 365 or fewer'), unit: z.enum(['working-days', 'weeks'], 'Choose working days or weeks') }),
    ),
    default: {
      'child-protection': { every: 10, unit: 'working-days' },
      'child-in-need': { every: 20, unit: 'working-days' },
      'looked-after': { every: 6, unit: 'weeks' },
    } as Record<string, { every: number; unit: 'working-days' | 'weeks' }>,
    label: 'Visit frequency',
    hint: 'How often a child must be seen, by the type of their plan. Leave a type blank if there is no set frequency for it.',
  },
  /** A chronology gap longer than this with no professional contact is flagged. */
  'chronology.gapWeeks': {
    schema: z.number().int('Enter a whole number of weeks').min(1, 'Enter 1 week or more').max(104, 'Enter 104 weeks or fewer'),
    default: 12,
    label: 'Weeks without professional contact before a gap is shown',
    hint: 'In a child’s chronology, a stretch this long with no contact from a professional is shown as a gap.',
  },
  /** Entries typed this many days or more after the event are marked as typed late. */
  'chronology.lateDays': {
    schema: z.number().int('Enter a whole number of days').min(1, 'Enter 1 day or more').max(365, 'Enter 365 days or fewer'),
    default: 7,
    label: 'Days after which an entry counts as typed late',
    hint: 'A chronology entry written this many days or more after the event is marked as typed late.',
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

/** The stored value if it still fits the setting's schema, otherwise the default. */
export function settingValue<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  if (stored === undefined || stored === null) return SETTINGS[key].default;
  const parsed = SETTINGS[key].schema.safeParse(stored);
  return parsed.success ? (parsed.data as SettingValue<K>) : SETTINGS[key].default;
}
