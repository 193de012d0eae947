import { z } from 'zod';

/**
 * What a council can set without code (G1), with the defaults from the statutory guidance and
 * SPEC. Each setting has a schema: a stored value that no longer fits falls back to the default.
 * The statutory core (for example that an assessment has a final checkpoint) cannot be switched off.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SETTINGS = {
  /** Assessment checkpoints in working days from the referral date (day 0); the last is the final timescale. */
  'assessment.checkpoints': {
    schema: z.array(z.number().int().min(1).max(120)).min(1).max(6),
    default: [10, 30, 45] as number[],
    label: 'Assessment checkpoints (working days after the referral)',
  },
  /** An open assessment, checkpoint or review due within this many working days shows as "due soon". */
  'assessment.dueSoonWorkingDays': {
    schema: z.number().int().min(0).max(30),
    default: 5,
    label: 'Working days before a due date when an assessment shows as due soon',
  },
  /** An authorised assessment's annual review shows on the manager's list this many days before it falls due. */
  'assessment.reviewNoticeDays': {
    schema: z.number().int().min(1).max(120),
    default: 30,
    label: 'Days before an annual review of an assessment falls due when it shows on the manager’s list',
  },
  /** Days the council is closed, besides weekends and bank holidays (for example a closure between Christmas and New Year). */
  'calendar.closureDays': {
    schema: z.array(isoDate).max(200),
    default: [] as string[],
    label: 'Closure days',
  },
  /** How often a child must be visited, by the type of their plan or episode. */
  'visits.frequency': {
    schema: z.partialRecord(
      z.enum(['child-protection', 'child-in-need', 'looked-after', 'early-help', 'care-leaver']),
      z.object({ every: z.number().int().min(1).max(365), unit: z.enum(['working-days', 'weeks']) }),
    ),
    default: {
      'child-protection': { every: 10, unit: 'working-days' },
      'child-in-need': { every: 20, unit: 'working-days' },
      'looked-after': { every: 6, unit: 'weeks' },
    } as Record<string, { every: number; unit: 'working-days' | 'weeks' }>,
    label: 'Visit frequency',
  },
  /** A chronology gap longer than this with no professional contact is flagged. */
  'chronology.gapWeeks': {
    schema: z.number().int().min(1).max(104),
    default: 12,
    label: 'Weeks without professional contact before a gap is shown',
  },
  /** Entries typed this many days or more after the event are marked as typed late. */
  'chronology.lateDays': {
    schema: z.number().int().min(1).max(365),
    default: 7,
    label: 'Days after which an entry counts as typed late',
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
