/** `createClient`'s option checks: a client that exists can build every call's URL and headers. */
import { describe, expect, test } from "vitest";
import { createClient } from "../../templates/client.js";

describe("baseUrl", () => {
  test.each([
    ["https://bad host", "baseUrl must be an http(s) URL"],
    ["https://x.test:99999", "baseUrl must be an http(s) URL"],
    ["ftp://x.test", "baseUrl must be an http(s) URL"],
    ["cloud.mongodb.com", "baseUrl must be an http(s) URL"],
    ["https://svc:hunter2@x.test", "baseUrl must not contain credentials"],
    ["https://x.test?tenant=1", "baseUrl must not have a query or a fragment"],
    ["https://x.test/#a", "baseUrl must not have a query or a fragment"],
  ])("%j is refused: %s", (baseUrl, message) => {
    expect(() => createClient({ baseUrl })).toThrow(new TypeError(`createClient: ${message}`));
  });

  test("the refusal of a URL with credentials does not quote them", () => {
    let thrown: unknown;
    try {
      createClient({ baseUrl: "https://svc:hunter2@x.test" });
    } catch (error) {
      thrown = error;
    }
    expect(String((thrown as Error).stack)).not.toContain("hunter2");
  });

  test.each([
    ["https://cloud.mongodb.com", "https://cloud.mongodb.com"],
    ["https://x.test/base//", "https://x.test/base"],
    ["http://127.0.0.1:8080/", "http://127.0.0.1:8080"],
  ])("%j is kept as %j", (baseUrl, want) => {
    expect(createClient({ baseUrl }).baseUrl).toBe(want);
  });
});

describe("timeoutMs and userAgent", () => {
  test.each([["NaN", Number.NaN], ["0", 0], ["-1", -1], ["the string 100", "100"]])("timeoutMs %s is refused", (_name, timeoutMs) => {
    expect(() => createClient({ timeoutMs: timeoutMs as number })).toThrow("createClient: timeoutMs must be a positive number");
  });

  test.each([1, 2 ** 31, Number.POSITIVE_INFINITY])("timeoutMs %d is kept", (timeoutMs) => {
    expect(createClient({ timeoutMs }).timeoutMs).toBe(timeoutMs);
  });

  test.each(["app ✓", "app\r\nX-Injected: 1", "tab\tok\u0000"])("userAgent %j is refused: fetch would throw on every call", (userAgent) => {
    expect(() => createClient({ userAgent })).toThrow("createClient: userAgent must be a valid header value");
  });

  test("a Latin-1 userAgent is kept", () => {
    expect(createClient({ userAgent: "café/1.0 (tab\there)" }).userAgent).toBe("café/1.0 (tab\there)");
  });
});
