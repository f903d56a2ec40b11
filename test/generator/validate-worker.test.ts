import { describe, expect, test } from "vitest";
import { specJson } from "../../generator/cache.js";
import { parseSpec } from "../../generator/load.js";
import { validate } from "../../generator/validate.js";
import { validateOnWorker } from "../../generator/validate-worker.js";
import { miniSpec, toYaml } from "../helpers/spec.js";

describe("validateOnWorker", () => {
  const spec = parseSpec("s.yaml", toYaml({ ...miniSpec([{ path: "/a/{x}", parameters: [] }], { schemas: { constructor: { type: "strin" } } }), info: { title: "t" } }));

  test("finds on its own thread what validate finds on this one: the generator's checks and Redocly's", async () => {
    const here = await validate(spec);
    expect(here.map((d) => d.pointer)).toEqual(["/paths/~1a~1{x}/get", "/info", "/components/schemas/constructor/type"]);
    expect(await validateOnWorker(Promise.resolve({ ...spec, json: specJson(spec.root) }))).toEqual(here);
  }, 30_000);

  // Specs JSON cannot hold are sent as a structured copy (`json` undefined), which keeps them as they are.
  test.each([
    ["a non-finite number", '"1"\ncomponents:\n  schemas:\n    A:\n      type: string\n      maxLength: .inf'],
    ["an explicit YAML tag (a Date)", "!!timestamp 2020-01-01"],
  ])("%s: finds what validate finds here, not what it finds in the spec as JSON", async (_, rest) => {
    const tagged = parseSpec("s.yaml", `openapi: 3.0.1\npaths: {}\ninfo:\n  title: t\n  version: ${rest}\n`);
    expect(specJson(tagged.root)).toBeUndefined();
    const here = await validate(tagged);
    const asJson = await validate({ ...tagged, root: JSON.parse(JSON.stringify(tagged.root)) as unknown });
    expect(here).not.toEqual(asJson);
    expect(await validateOnWorker(Promise.resolve(tagged))).toEqual(here);
  }, 30_000);

  test("a worker that fails rejects: a bug, not a finding about the spec", async () => {
    // A structured copy cannot hold a function: the handover fails, as a broken worker would.
    await expect(validateOnWorker(Promise.resolve({ file: "s.yaml", root: { f: () => 1 }, warnings: [] }))).rejects.toThrow(
      "the spec could not be validated (the spec could not be handed over:",
    );
  }, 30_000);

  test("a spec that could not be parsed (the main thread reports why): nothing", async () => {
    expect(await validateOnWorker(Promise.reject(new Error("unreadable")))).toEqual([]);
  }, 30_000);
});
