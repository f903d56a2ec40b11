/** A short line diff for `--check`: where a file first differs and a few lines of each side. */

const MAX_LINES = 5;
const MAX_WIDTH = 160;

const clip = (line: string) => (line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH)}…` : line);

function side(lines: string[], sign: "-" | "+"): string[] {
  const shown = lines.slice(0, MAX_LINES).map((line) => `${sign} ${clip(line)}`);
  return lines.length > MAX_LINES ? [...shown, `${sign} … ${lines.length - MAX_LINES} more line(s)`] : shown;
}

/**
 * The changed region between `before` (on disk) and `after` (generated): common leading and
 * trailing lines are trimmed, so one hunk covers everything that differs.
 */
export function shortDiff(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [`@@ line ${start + 1} @@`, ...side(a.slice(start, endA), "-"), ...side(b.slice(start, endB), "+")];
}
