import { eq, inArray, sql } from 'drizzle-orm';
import { settingValue, SETTINGS, type SettingKey, type SettingValue } from '../domain/settings';
import { workingCalendar, type Calendar } from '../domain/workingDays';
import { audit, type AuditContext, type AuditEvent } from './audit';
import type { Db } from './db';
import { rows, toNumber } from './db';
import { settings } from './tables';

export type SaveResult = { ok: true; changed: SettingKey[]; notes: string[] } | { ok: false; errors: Partial<Record<SettingKey, string>> } | { ok: false; conflict: true };

/** What a change of a setting did besides: the audit rows of the records it changed, and a line to tell the administrator. */
export type SettingChangeEffect = { audit: AuditEvent[]; note?: string };

/**
 * Work that must happen with a change of a setting, in its transaction (the records worked out from
 * the setting are changed with it: an open assessment's dates when the closure days change). Given by
 * the composition root, so this store knows no feature. A hook takes its row locks and writes before
 * any audit row (docs/architecture.md, lock order) and hands back its audit rows to be written after.
 */
export type SettingHooks = { [K in SettingKey]?: (tx: Db, ctx: AuditContext, change: { old: SettingValue<K>; value: SettingValue<K> }) => Promise<SettingChangeEffect> };

/** Audit rows written per statement at most: a hook may hand back one per record it changed (thousands). */
const AUDIT_BATCH = 1000;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Council settings, read from the database on each use (so every app instance sees a change at
 * once) and checked against their schema; missing or broken values give the documented default.
 */
export function settingsStore(db: Db, hooks: SettingHooks = {}) {
  async function get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    const found = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
    return settingValue(key, found[0]?.value);
  }

  /**
   * Saves several settings at once, all or none: every value is checked against its schema first,
   * then, in one transaction, the version is checked (when given) and each changed value is written
   * with an audit row holding its old and new value.
   */
  async function saveMany(ctx: AuditContext, values: Partial<Record<SettingKey, unknown>>, expectedVersion?: number): Promise<SaveResult> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE settings IN SHARE ROW EXCLUSIVE MODE`);
      return write(tx, ctx, values, expectedVersion);
    });
  }

  async function write(tx: Db, ctx: AuditContext, values: Partial<Record<SettingKey, unknown>>, expectedVersion: number | undefined): Promise<SaveResult> {
    const keys = Object.keys(values).filter((k): k is SettingKey => Object.hasOwn(SETTINGS, k));
    const errors: Partial<Record<SettingKey, string>> = {};
    const parsed = new Map<SettingKey, unknown>();
    for (const key of keys) {
      const result = SETTINGS[key].schema.safeParse(values[key]);
      if (result.success) parsed.set(key, result.data);
      else errors[key] = result.error.issues[0]?.message ?? 'That value is not allowed';
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const stored = keys.length ? await tx.select().from(settings).where(inArray(settings.key, keys)) : [];
    if (expectedVersion !== undefined) {
      const found = await rows<{ v: unknown }>(tx, sql`SELECT coalesce(sum(version), 0) AS v FROM settings`);
      if (toNumber(found[0]?.v ?? 0) !== expectedVersion) return { ok: false, conflict: true };
    }
    const byKey = new Map(stored.map((r) => [r.key, r]));
    const changed: SettingKey[] = [];
    const events: AuditEvent[] = [];
    const notes: string[] = [];
    for (const key of keys) {
      const value = parsed.get(key);
      const row = byKey.get(key);
      const old = settingValue(key, row?.value);
      // Nothing to do when the value is what is stored, or (with nothing stored) the default.
      if (row ? same(row.value, value) : same(old, value)) continue;
      await tx
        .insert(settings)
        .values({ key, value, updatedBy: ctx.actor?.id ?? null })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null, version: sql`${settings.version} + 1` } });
      changed.push(key);
      events.push({ action: 'setting-changed', subjectType: 'setting', subjectId: key, details: { old, value } });
      const hook = hooks[key] as ((tx: Db, ctx: AuditContext, change: { old: unknown; value: unknown }) => Promise<SettingChangeEffect>) | undefined;
      if (hook) {
        const effect = await hook(tx, ctx, { old, value: settingValue(key, value) });
        events.push(...effect.audit);
        if (effect.note) notes.push(effect.note);
      }
    }
    // Every row lock taken (the settings, and whatever the hooks changed), the audit rows last.
    for (let i = 0; i < events.length; i += AUDIT_BATCH) await audit(tx, ctx, events.slice(i, i + AUDIT_BATCH));
    return { ok: true, changed, notes };
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
      const result = await saveMany(ctx, { [key]: value });
      if (result.ok) return { ok: true };
      return { ok: false, message: 'errors' in result ? (result.errors[key] ?? 'That value is not allowed') : 'The settings were changed by someone else' };
    },
    saveMany,
    /**
     * The settings' version: the sum of every stored setting's version. Each change raises it, so a
     * form posted with an older number was filled in before someone else saved.
     */
    async version(): Promise<number> {
      const found = await rows<{ v: unknown }>(db, sql`SELECT coalesce(sum(version), 0) AS v FROM settings`);
      return toNumber(found[0]?.v ?? 0);
    },
    /** Reads one setting and writes what `change` makes of it, in one transaction with the table locked (so two changes never lose one). */
    async modify<K extends SettingKey>(ctx: AuditContext, key: K, change: (current: SettingValue<K>) => unknown): Promise<SaveResult> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`LOCK TABLE settings IN SHARE ROW EXCLUSIVE MODE`);
        const found = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
        return write(tx, ctx, { [key]: change(settingValue(key, found[0]?.value)) }, undefined);
      });
    },
  };
}

export type SettingsStore = ReturnType<typeof settingsStore>;
