/** Code-point order: the same on every machine and locale, which output determinism needs. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
