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

/** A block-style spec of `count` paths of ~1 KB each (400 make a spec the loader slices). */
export function bigSpec(count: number, extra = ""): string {
  const paths = Array.from({ length: count }, (_, i) => {
    const description = `Operation ${i}, ${"lorem ipsum ".repeat(60)}`;
    return `  /things/${i}:\n    get:\n      operationId: get${i}\n      tags:\n      - Things\n      description: ${description}\n      responses:\n        "200":\n          description: OK\n`;
  });
  return `openapi: 3.0.1\ninfo:\n  title: t\n  version: "1"\npaths:\n${paths.join("")}${extra}components:\n  schemas:\n    A:\n      type: object\n`;
}
