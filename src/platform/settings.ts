import { eq, inArray } from 'drizzle-orm';
import { settingValue, SETTINGS, type SettingKey, type SettingValue } from '../domain/settings';
import { workingCalendar, type Calendar } from '../domain/workingDays';
import { audit, type AuditContext } from './audit';
import type { Db } from './db';
import { settings } from './tables';

/**
 * Council settings, read from the database on each use (so every app instance sees a change at
 * once) and checked against their schema; missing or broken values give the documented default.
 */
export function settingsStore(db: Db) {
  async function get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    const found = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
    return settingValue(key, found[0]?.value);
  }

  return {
    get,
    /** Several settings in one query. */
    async getMany<K extends SettingKey>(keys: K[]): Promise<{ [P in K]: SettingValue<P> }> {
      const found = await db.select().from(settings).where(inArray(settings.key, keys));
      const byKey = new Map(found.map((r) => [r.key, r.value]));
      return Object.fromEntries(keys.map((k) => [k, settingValue(k, byKey.get(k))])) as { [P in K]: SettingValue<P> };
    },
    /** The working-day calendar with the council's closure days. */
    async calendar(): Promise<Calendar> {
      return workingCalendar(await get('calendar.closureDays'));
    },
    async set<K extends SettingKey>(ctx: AuditContext, key: K, value: unknown): Promise<{ ok: true } | { ok: false; message: string }> {
      const parsed = SETTINGS[key].schema.safeParse(value);
      if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'That value is not allowed' };
      await db.transaction(async (tx) => {
        await tx
          .insert(settings)
          .values({ key, value: parsed.data, updatedBy: ctx.actor?.id ?? null })
          .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null } });
        await audit(tx, ctx, { action: 'setting-changed', subjectType: 'setting', subjectId: key, details: { value: parsed.data } });
      });
      return { ok: true };
    },
  };
}

export type SettingsStore = ReturnType<typeof settingsStore>;
