/**
 * What a generated module is written as. The `ts` target writes each as TypeScript (which a
 * project's tsc reads without checking it: `typeScriptHeader`); `js+dts` (as protobuf-es's
 * `target=js+dts`) writes its JavaScript and its declarations: plain JavaScript projects run it
 * as it is, and a project's `tsc` with `skipLibCheck` (as `tsc --init` sets it) reads
 * declarations, which have no function bodies to parse. Both come from the same statements: the
 * declarations keep the types and declare the values; the JavaScript keeps the values without
 * their types (`forms.ts`).
 */
export type Target = "ts" | "js+dts";
export const TARGETS: readonly Target[] = ["ts", "js+dts"];

/** One written form of a module: its TypeScript, its JavaScript or its declarations. */
export type ModuleKind = "ts" | "js" | "dts";

/** The kinds a target writes each module as, with the file extension of each. */
export function moduleKinds(target: Target): [ModuleKind, string][] {
  return target === "ts" ? [["ts", ".ts"]] : [["js", ".js"], ["dts", ".d.ts"]];
}
