// Types for the parts of http-auth 4.2.1 the digest tests use (the package ships none).
declare module "http-auth" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface DigestOptions {
    realm?: string;
    algorithm?: "MD5" | "MD5-sess";
    qop?: "auth" | "none";
  }
  interface Digest {
    /** [nonce, issuedAt, lastNc] per nonce handed out; clearing it makes every nonce stale. */
    nonces: unknown[];
    check(
      next: (req: IncomingMessage, res: ServerResponse) => void,
    ): (req: IncomingMessage, res: ServerResponse) => void;
  }
  const auth: {
    digest(options: DigestOptions, checker: (username: string, callback: (ha1: string) => void) => void): Digest;
  };
  export default auth;
}
