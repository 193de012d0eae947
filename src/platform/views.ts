import path from 'node:path';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, ageFrom } from '../domain/dates';
import { formatNhsNumber } from '../domain/nhsNumber';

const root = process.cwd();

/** One Nunjucks environment: GOV.UK Frontend and MoJ Frontend macros, shared views, feature views. */
export function createViews(): nunjucks.Environment {
  const env = nunjucks.configure(
    [
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
      path.join(root, 'src/views'),
      path.join(root, 'src/features'),
    ],
    { autoescape: true, throwOnUndefined: false, noCache: process.env.NODE_ENV === 'development' },
  );
  env.addFilter('date', (value: string | Date | null | undefined) => formatDate(value));
  env.addFilter('dateTime', (value: string | Date | null | undefined) => formatDateTime(value));
  env.addFilter('nhsNumber', (value: string | null | undefined) => (value ? formatNhsNumber(value) : ''));
  env.addFilter('age', (value: string | null | undefined) => ageFrom(value));
  env.addFilter('errorFor', (errors: Record<string, string> | undefined, field: string) =>
    errors && errors[field] ? { text: errors[field] } : undefined,
  );
  return env;
}
