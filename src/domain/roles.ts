/** The roles of Hearth's users, spelled as in the `hearth user add --role` command. */
export const ROLES = ['social-worker', 'early-help', 'team-manager', 'partner', 'cp-chair', 'qa', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'social-worker': 'Social worker',
  'early-help': 'Early help practitioner',
  'team-manager': 'Team manager',
  partner: 'Partner agency professional',
  'cp-chair': 'Child protection chair or reviewing officer',
  qa: 'Quality assurance or senior leader',
  admin: 'Administrator',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
