/** `Authorization: Bearer <token>` with a fixed token or one supplied (and refreshed) by the caller. */
import { AuthError, type AuthStrategy } from "./strategy.js";

// Checked here because Headers' own TypeError quotes the offending value, i.e. the token.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function bearerAuth(token: string | (() => string | Promise<string>)): AuthStrategy {
  return {
    async authorize() {
      const value: unknown = typeof token === "function" ? await token() : token;
      const trimmed = typeof value === "string" ? value.trim() : "";
      if (!HEADER_SAFE.test(trimmed)) {
        throw new AuthError("bearer token must be a non-empty string of visible ASCII characters");
      }
      return { Authorization: `Bearer ${trimmed}` };
    },
    // Only a token function can come up with something different on the next attempt.
    async onUnauthorized() {
      return typeof token === "function";
    },
  };
}
