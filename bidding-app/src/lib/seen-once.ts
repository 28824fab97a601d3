/**
 * A bounded memory of keys already handled: socket events are at-least-once,
 * what they show (a toast) should not be. The returned check is true the first
 * time a key is seen.
 */
export function seenOnce(limit = 500): (key: string) => boolean {
  const seen = new Set<string>();
  return (key: string) => {
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > limit) seen.delete(seen.values().next().value as string);
    return true;
  };
}
