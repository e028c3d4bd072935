/**
 * Marks attribute values that are already DynamoDB-typed (the dynamodb module's `toStringSet`,
 * `toNumberSet`, `toBinarySet`), so that auto-typing of keys and items keeps them as sets
 * instead of turning `{ SS: [...] }` into a map. A registered symbol is shared by every realm,
 * so the mark survives the copy into and out of the sandbox, and JSON output never shows it.
 */
export const TYPED = Symbol.for('appsync-local.typed-attribute-value');

export function markTyped<T extends object>(value: T): T {
  Object.defineProperty(value, TYPED, { value: true });
  return value;
}

export function isTyped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TYPED] === true;
}
