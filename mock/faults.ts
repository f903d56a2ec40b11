import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { documentedError } from "./errors.js";
import { API_RATE_LIMIT } from "./ratelimit.js";

export type Operation = "deleteOrgInvite" | "removeOrgTeamUserFromTeam";

/** A misbehaviour to play on the next matching API request(s). */
export interface Fault {
  /** Answer with this status (documented statuses get the docs' ApiError body unless `body` is set). */
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Wait this long first; without `status` or `reset` the request is then served normally. */
  delayMs?: number;
  /** Destroy the socket: the client sees a connection reset. */
  reset?: boolean;
  /** How many requests this fault applies to; default 1. */
  times?: number;
  /** `Retry-After` value; a 429 defaults to "1". */
  retryAfter?: string;
  /** Only requests to this operation; default either endpoint. */
  operation?: Operation;
}

interface Queued {
  fault: Fault;
  left: number;
}

/** Faults in injection order; the oldest matching one is played first. */
export class FaultQueue {
  #queue: Queued[] = [];

  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`Fault.times must be a positive integer, got ${times}`);
    }
    this.#queue.push({ fault, left: times });
  }

  /** Takes one use of the oldest fault that applies to `operation`. */
  take(operation: Operation): Fault | undefined {
    const index = this.#queue.findIndex((q) => (q.fault.operation ?? operation) === operation);
    const queued = this.#queue[index];
    if (!queued) return undefined;
    queued.left -= 1;
    if (queued.left === 0) this.#queue.splice(index, 1);
    return queued.fault;
  }

  clear(): void {
    this.#queue = [];
  }
}

/**
 * Plays `fault` on `res`. Returns true when the fault answered (or dropped) the request, false when
 * it was only a delay and the request should be served normally.
 */
export async function applyFault(fault: Fault, res: ServerResponse, signal: AbortSignal): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal });
  if (fault.reset) {
    res.socket?.destroy();
    return true;
  }
  if (fault.status === undefined) return false;

  const documented = fault.body === undefined ? documentedError(fault.status) : undefined;
  const body = fault.body ?? (documented ? JSON.stringify(documented) : "");
  const headers: Record<string, string> = { "Content-Length": String(Buffer.byteLength(body)) };
  const contentType = fault.contentType ?? (body === "" ? undefined : "application/json");
  if (contentType !== undefined) headers["Content-Type"] = contentType;
  // The spec's 429 carries the rate-limit headers alongside Retry-After.
  if (fault.status === 429) {
    headers["RateLimit-Limit"] = String(API_RATE_LIMIT);
    headers["RateLimit-Remaining"] = "0";
  }
  const retryAfter = fault.retryAfter ?? (fault.status === 429 ? "1" : undefined);
  if (retryAfter !== undefined) headers["Retry-After"] = retryAfter;
  res.writeHead(fault.status, { ...headers, ...fault.headers });
  res.end(body);
  return true;
}
