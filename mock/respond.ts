import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** Writes a JSON body; `pretty` indents it by two spaces, as Atlas's `pretty=true` does. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  pretty = false,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body, null, pretty ? 2 : undefined);
  // An explicit length instead of chunked encoding, as Atlas sends its JSON errors.
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
