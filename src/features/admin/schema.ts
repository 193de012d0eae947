import { z } from 'zod';
import { isUuid } from '../../platform/http';
import { ROLES, ROLE_LABELS, type Role } from '../../domain/roles';
import { passwordProblem } from '../../platform/auth/passwords';

/** Roles whose work is done in a council team: they must belong to one. */
export const TEAM_ROLES: readonly Role[] = ['social-worker', 'early-help', 'team-manager'];

/** The kinds of team a council runs, in the order an administrator would look for them. */
export const TEAM_KINDS = {
  'front-door': 'Front door (contacts, referrals and assessment)',
  'child-in-need': 'Children in need',
  'child-protection': 'Child protection',
  'children-in-care': 'Children in care',
  'care-leavers': 'Care leavers',
  'disabled-children': 'Disabled children',
  'early-help': 'Early help',
  'social-work': 'Other social work team',
} as const;
export type TeamKind = keyof typeof TEAM_KINDS;

export const roleItems = (checked?: unknown) =>
  ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: r === checked }));
export const teamKindItems = (checked?: unknown) =>
  Object.entries(TEAM_KINDS).map(([value, text]) => ({ value, text, checked: value === checked }));

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;

const name = z
  .string({ error: 'Enter their full name' })
  .trim()
  .min(1, 'Enter their full name')
  .max(200, 'Full name must be 200 characters or fewer')
  .regex(NO_CONTROL, 'Full name must only include letters, spaces and punctuation');
const role = z.enum(ROLES, { error: 'Select a role' });
const team = z
  .string({ error: 'Select a team' })
  .trim()
  .max(36, 'Select a team from the list')
  .optional()
  .default('');
const agency = z
  .string({ error: 'Enter the agency they work for' })
  .trim()
  .max(200, 'Agency must be 200 characters or fewer')
  .regex(NO_CONTROL, 'Agency must only include letters, spaces and punctuation')
  .optional()
  .default('');

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
/** Cross-field checks run even when a field failed on its own, so every problem is shown at once. */
const always = { when: () => true };

/** Practitioners and managers belong to a team; partner agency staff have an agency and no team. */
function checkTeamAndAgency(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const [role, team, agency] = [str(value.role), str(value.team), str(value.agency)];
  if (team && !isUuid(team))
    ctx.addIssue({ code: 'custom', path: ['team'], message: 'Select a team from the list' });
  if ((TEAM_ROLES as readonly string[]).includes(role) && !team) {
    ctx.addIssue({
      code: 'custom',
      path: ['team'],
      message: `Select a team: a ${ROLE_LABELS[role as Role].toLowerCase()} must belong to one`,
    });
  }
  if (role === 'partner') {
    if (!agency)
      ctx.addIssue({
        code: 'custom',
        path: ['agency'],
        message: 'Enter the agency they work for, like Police or Health visiting',
      });
    if (team)
      ctx.addIssue({
        code: 'custom',
        path: ['team'],
        message: 'Select “No team”: partner agency professionals are not in a council team',
      });
  }
}

export function newUserSchema(councilSignInAvailable: boolean) {
  return z
    .object({
      email: z
        .string({ error: 'Enter their email address' })
        .trim()
        .min(1, 'Enter their email address')
        .max(320, 'Email address must be 320 characters or fewer')
        .regex(EMAIL, 'Enter an email address in the correct format, like name@council.gov.uk')
        .regex(NO_CONTROL, 'Enter an email address in the correct format, like name@council.gov.uk'),
      name,
      role,
      team,
      agency,
      signIn: z.enum(['password', 'council'], { error: 'Select how they will sign in' }),
      password: z
        .string({ error: 'Enter a first password' })
        .max(1000, 'Enter a password of 200 characters or fewer')
        .optional()
        .default(''),
    })
    .superRefine((value: Record<string, unknown>, ctx) => {
      checkTeamAndAgency(value, ctx);
      if (value.signIn === 'password') {
        const password = typeof value.password === 'string' ? value.password : '';
        const problem = password ? passwordProblem(password) : 'Enter a first password for them';
        if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
      }
      if (value.signIn === 'council' && !councilSignInAvailable) {
        ctx.addIssue({
          code: 'custom',
          path: ['signIn'],
          message: 'Council sign-in is not set up for Hearth yet: choose to set a first password',
        });
      }
    }, always);
}

export const editUserSchema = z
  .object({
    name,
    role,
    team,
    agency,
    active: z.enum(['yes', 'no'], { error: 'Select whether they can use Hearth' }),
    version: z.coerce
      .number({ error: 'This page is out of date: open the account again from the list of users' })
      .int()
      .min(1)
      .max(2_147_483_647),
  })
  .superRefine(checkTeamAndAgency, always);

export const resetPasswordSchema = z.object({
  password: z
    .string({ error: 'Enter a new password' })
    .min(1, 'Enter a new password')
    .max(1000, 'Enter a password of 200 characters or fewer')
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  removeSecondFactor: z.enum(['yes']).optional(),
});

const teamName = z
  .string({ error: 'Enter the team’s name' })
  .trim()
  .min(1, 'Enter the team’s name')
  .max(120, 'Team name must be 120 characters or fewer')
  .regex(NO_CONTROL, 'Team name must only include letters, numbers, spaces and punctuation');

/** The version a team's form was read at: a stale form is refused, never saved over someone else's change. */
const teamVersion = z.coerce
  .number({ error: 'This page is out of date: open the team again from the list of teams' })
  .int('This page is out of date: open the team again from the list of teams')
  .min(1, 'This page is out of date: open the team again from the list of teams')
  .max(2_147_483_647, 'This page is out of date: open the team again from the list of teams');

export const renameTeamSchema = z.object({ name: teamName, version: teamVersion });
export const closeTeamSchema = z.object({ version: teamVersion });
/** Reopening a closed team asks for nothing but the version the administrator saw. */
export const reopenTeamSchema = closeTeamSchema;

export const newTeamSchema = z.object({
  name: teamName,
  kind: z.enum(Object.keys(TEAM_KINDS) as [TeamKind, ...TeamKind[]], {
    error: 'Select what kind of team it is',
  }),
});

export { isUuid };
