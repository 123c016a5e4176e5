/**
 * For tests of held connections on a manual clock: lets the emulator's handlers run until `done`
 * holds, without waiting on the wall clock; throws when it never does.
 *
 * @module
 */
export async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise((r) => setImmediate(r));
  if (!done()) throw new Error('the condition never held');
}
