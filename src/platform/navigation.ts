import type { Actor } from './access';
import { can } from './access';

type NavItem = { href: string; text: string; active?: boolean };

/** The links across the top of every page, by what this person may do. Signing out is a button after them (the layout's form). */
export function navigationFor(actor: Actor | null, currentPath: string): NavItem[] {
  if (!actor) return [];
  const items: NavItem[] = [{ href: '/', text: 'Home' }];
  if (can(actor, 'caseload:view')) items.push({ href: '/caseload', text: 'My caseload' });
  if (can(actor, 'team:view')) items.push({ href: '/team', text: 'Team work' });
  if (can(actor, 'caseload:view')) items.push({ href: '/assessments', text: 'Assessments' });
  if (can(actor, 'caseload:view')) items.push({ href: '/visits', text: 'Visits due' });
  if (can(actor, 'task:manage')) items.push({ href: '/tasks', text: 'My tasks' });
  if (can(actor, 'person:search')) items.push({ href: '/search', text: 'Find a person' });
  if (can(actor, 'contact:record')) items.push({ href: '/contacts', text: 'Contacts' });
  if (can(actor, 'admin:users')) {
    items.push({ href: '/admin/users', text: 'Users' });
    items.push({ href: '/admin/teams', text: 'Teams' });
    items.push({ href: '/admin/plain-language', text: 'Plain language' });
  }
  if (can(actor, 'settings:manage')) items.push({ href: '/admin/settings', text: 'Council settings' });
  return items.map((item) => ({
    ...item,
    active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
  }));
}
