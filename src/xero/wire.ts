/** Reading loosely typed Xero JSON without "[object Object]" surprises. */

/** `value` as text when it is a string or number, else `fallback`. */
export function text(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

/** `value` as text, or undefined when it is not a string. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The `Message` of each `{ Message }` in a Xero list (ValidationErrors, Warnings). */
export function messagesOf(list: unknown): string[] {
  return Array.isArray(list)
    ? list.map((e) => text((e as { Message?: unknown } | null)?.Message)).filter(Boolean)
    : [];
}
