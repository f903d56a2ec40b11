/**
 * The contract between the request loop (`request.ts`) and an authentication scheme.
 * Each scheme (bearer, digest, service account) implements it in its own module, so a bundle
 * only pulls in the schemes it constructs.
 */

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
  /** Headers to add to this attempt (e.g. `Authorization`). May wait for a token. */
  authorize(request: AuthRequest): Promise<Record<string, string>>;
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

/**
 * Thrown by a scheme when it cannot obtain credentials (token endpoint down or refusing).
 * The message never contains a secret; the request loop turns it into `{ kind: "auth" }`.
 */
export class AuthError extends Error {
  override readonly name = "AuthError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
