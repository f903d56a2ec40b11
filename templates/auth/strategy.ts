/**
 * The contract between the request loop (`request.ts`) and an authentication scheme.
 * Each scheme (bearer, digest, service account) implements it in its own module, so a bundle
 * only pulls in the schemes it constructs. The contract is types only: a value the request loop
 * and a lazily loaded scheme both imported would cost the bundle a shared chunk.
 */
import type { AuthFailure } from "../result.js";

/**
 * What a scheme may look at to authorize an attempt. Never logged. Every attempt of one call gets
 * the same object, so a scheme can remember per call which credentials it sent.
 */
export interface AuthRequest {
  method: string;
  /** Absolute URL of the request, including the query string. */
  url: string;
}

export interface AuthStrategy {
  /**
   * Headers to add to this attempt (e.g. `Authorization`), or why there are none: a failure whose
   * message is free of secrets, returned as the call's result. May wait for a token. Anything the
   * scheme throws instead is reported without its message.
   */
  authorize(request: AuthRequest): Promise<Record<string, string> | AuthFailure>;
  /**
   * Called when the API answered 401. Returns true when the scheme learned something (a digest
   * challenge, a stale nonce, an expired token) and the request should be sent once more.
   */
  onUnauthorized(response: Response, request: AuthRequest): Promise<boolean>;
  /**
   * How many times one call may be re-sent after `onUnauthorized` returned true (default 1).
   * Digest needs 2: a cold call's challenge, then possibly a stale nonce.
   */
  readonly maxReauth?: number | undefined;
  /** Releases what the scheme holds (revokes an OAuth token). */
  close?(): Promise<void>;
}
