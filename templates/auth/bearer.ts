/** `Authorization: Bearer <token>` with a fixed token or one supplied (and refreshed) by the caller. */
import type { AuthFailure } from "../result.js";
import type { AuthStrategy } from "./strategy.js";

// Checked here because Headers' own TypeError quotes the offending value, i.e. the token.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function bearerAuth(token: string | (() => string | Promise<string>)): AuthStrategy {
  return {
    async authorize(): Promise<Record<string, string> | AuthFailure> {
      const value: unknown = await (typeof token === "function" ? token() : token);
      const trimmed = typeof value === "string" ? value.trim() : "";
      return HEADER_SAFE.test(trimmed)
        ? { Authorization: `Bearer ${trimmed}` }
        : { kind: "auth", message: "bearer token must be a non-empty string of visible ASCII characters" };
    },
    // Only a token function can come up with something different on the next attempt.
    async onUnauthorized() {
      return typeof token === "function";
    },
  };
}
