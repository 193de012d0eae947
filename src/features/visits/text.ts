import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/formFields';

/**
 * Text fields of visits and case notes: at most `max` characters as typed (line endings counted
 * once), so a very long paste is refused even when it is made of characters that are dropped on
 * saving (control characters); then cleaned as every form's text is.
 */
const withinAsTyped = (max: number, tooLong: string) =>
  z.unknown().refine((v) => typeof v !== 'string' || v.replace(/\r\n?/g, '\n').length <= max, { message: tooLong });

export const limitedOptional = (max: number, tooLong: string) => withinAsTyped(max, tooLong).pipe(optionalText(max, tooLong));

export const limitedRequired = (max: number, empty: string, tooLong: string) => withinAsTyped(max, tooLong).pipe(requiredText(max, empty, tooLong));
