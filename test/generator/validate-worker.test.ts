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

  test("gets a spec JSON cannot hold as a structured copy, and finds the same in it", async () => {
    const root = { ...(spec.root as object), "x-limit": Infinity };
    expect(specJson(root)).toBeUndefined();
    const found = await validateOnWorker(Promise.resolve({ ...spec, root }));
    expect(found).toEqual(await validate({ ...spec, root }));
    expect(found.map((d) => d.pointer)).toEqual(["/paths/~1a~1{x}/get", "/info", "/components/schemas/constructor/type"]);
  }, 30_000);

  test("a spec that could not be parsed (the main thread reports why): nothing", async () => {
    expect(await validateOnWorker(Promise.reject(new Error("unreadable")))).toEqual([]);
  }, 30_000);
});
