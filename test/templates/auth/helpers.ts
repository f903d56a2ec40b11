import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthStrategy } from "../../../templates/auth/strategy.js";
import type { AuthFailure } from "../../../templates/result.js";

/** The headers `authorize` resolved to; a failure makes the test fail. */
export function headersOf(authorized: Record<string, string> | AuthFailure): Record<string, string> {
  if (authorized.kind === "auth") throw new Error(`authorize failed: ${authorized.message}`);
  return authorized as Record<string, string>;
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 and an ephemeral port. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => unknown,
): Promise<TestServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString("utf8"))).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The request loop in miniature: authorize, send, and on a 401 ask the strategy whether to send
 * again (at most `maxResends` times). Like the real loop, all attempts of a call share one
 * AuthRequest.
 */
export async function call(
  strategy: AuthStrategy,
  url: string,
  { method = "GET", maxResends = 1 }: { method?: string; maxResends?: number } = {},
): Promise<{ status: number; body: string; resends: number }> {
  const request = { method, url };
  for (let resends = 0; ; resends++) {
    const headers = headersOf(await strategy.authorize(request));
    const response = await fetch(url, { method, headers });
    const body = await response.text();
    if (response.status === 401 && resends < maxResends && (await strategy.onUnauthorized(response, request))) {
      continue;
    }
    return { status: response.status, body, resends };
  }
}
