/** Tiny inline specs for generator tests. */
import { stringify } from "yaml";

export interface MiniOperation {
  method?: string;
  path?: string;
  operationId?: string;
  parameters?: unknown[];
  responses?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

export function miniSpec(operations: MiniOperation[], components: Record<string, unknown> = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [i, op] of operations.entries()) {
    const path = op.path ?? `/things/{id}`;
    paths[path] ??= {};
    paths[path][op.method ?? "get"] = {
      operationId: op.operationId ?? `op${i}`,
      parameters: op.parameters ?? [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: op.responses ?? { "204": { description: "No Content" } },
      ...op.extra,
    };
  }
  return { openapi: "3.0.1", info: { title: "t", version: "1" }, paths, components };
}

export const toYaml = (doc: unknown) => stringify(doc);

/** `L0` … `L(n-1)`, each with two properties holding the next: one use of `L0` copies 2^n - 1 schemas. */
export const doublingChain = (n: number): Record<string, unknown> =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`L${i}`, { properties: i + 1 < n ? { a: { $ref: `#/x-defs/L${i + 1}` }, b: { $ref: `#/x-defs/L${i + 1}` } } : { a: { type: "string" } } }]),
  );
