/**
 * Type-level tests of the generated client: checked by the type-check test (`@ts-expect-error`
 * lines fail compilation when the error they expect goes away), and run as ordinary tests.
 */
import { describe, expectTypeOf, test } from "vitest";
import {
  createClient,
  deleteOrgInvite,
  removeOrgTeamUserFromTeam,
  type DeleteOrgInviteError,
  type DeleteOrgInviteErrorBodies,
  type DeleteOrgInviteParams,
  type DeleteOrgInviteResult,
  type DeleteOrgInviteSuccessData,
  type HttpError,
  type HttpErrors,
  type OperationError,
  type OperationResult,
  type RemoveOrgTeamUserFromTeamErrorStatus,
  type ApiError,
  type components,
} from "../../generated/index.js";

const client = createClient({ baseUrl: "http://127.0.0.1:1", fetch: async () => new Response(null, { status: 204 }) });
const id = "4888442a3354817a7320eb61";

describe("generated types", () => {
  test("schema types are exported by name, the same as through components", () => {
    expectTypeOf<ApiError>().toEqualTypeOf<components["schemas"]["ApiError"]>();
  });

  test("params: required ids, optional flags; wrong or missing params don't compile", async () => {
    expectTypeOf<DeleteOrgInviteParams>().toEqualTypeOf<{ orgId: string; invitationId: string; envelope?: boolean; pretty?: boolean }>();
    // @ts-expect-error invitationId is missing
    await deleteOrgInvite(client, { orgId: id });
    // @ts-expect-error orgId must be a string
    await deleteOrgInvite(client, { orgId: 42, invitationId: id });
    // @ts-expect-error envelope is a boolean
    await deleteOrgInvite(client, { orgId: id, invitationId: id, envelope: "true" });
    // @ts-expect-error unknown parameter
    await removeOrgTeamUserFromTeam(client, { orgId: id, teamId: id, userId: id, orgID: id });
    // @ts-expect-error the client is required
    await removeOrgTeamUserFromTeam({ orgId: id, teamId: id, userId: id });
  });

  test("the result narrows by ok, the error by kind and status, exhaustively", async () => {
    const result: DeleteOrgInviteResult = await deleteOrgInvite(client, { orgId: id, invitationId: id });
    if (result.ok) {
      expectTypeOf(result.status).toEqualTypeOf<204>();
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
      expectTypeOf(result.response).toEqualTypeOf<Response>();
      return;
    }
    const error: DeleteOrgInviteError = result.error;
    switch (error.kind) {
      case "validation":
        expectTypeOf(error.issues).toEqualTypeOf<{ param: string; message: string }[]>();
        break;
      case "http":
        expectTypeOf(error.body).toEqualTypeOf<ApiError>();
        switch (error.status) {
          case 400:
          case 401:
          case 403:
          case 404:
          case 429:
          case 500:
            break;
          default:
            expectTypeOf(error).toBeNever();
        }
        // @ts-expect-error 410 is not a documented status: it arrives as kind "unexpected"
        if (error.status === 410) break;
        break;
      case "unexpected":
        expectTypeOf(error.status).toEqualTypeOf<number>();
        expectTypeOf(error.text).toEqualTypeOf<string>();
        break;
      case "network":
      case "timeout":
      case "aborted":
      case "auth":
        break;
      default:
        expectTypeOf(error).toBeNever();
    }
  });

  test("a documented status narrows the error to its body", async () => {
    const result = await deleteOrgInvite(client, { orgId: id, invitationId: id });
    if (!result.ok && result.error.kind === "http" && result.error.status === 404) {
      expectTypeOf(result.error).toEqualTypeOf<HttpError<404, ApiError>>();
      expectTypeOf(result.error.body).toEqualTypeOf<ApiError>();
    }
  });

  test("the generated unions are what the generic helpers describe", () => {
    expectTypeOf<HttpErrors<400 | 404, ApiError>>().toEqualTypeOf<HttpError<400, ApiError> | HttpError<404, ApiError>>();
    expectTypeOf<DeleteOrgInviteError>().toEqualTypeOf<OperationError<DeleteOrgInviteErrorBodies>>();
    expectTypeOf<DeleteOrgInviteResult>().toEqualTypeOf<OperationResult<DeleteOrgInviteSuccessData, DeleteOrgInviteErrorBodies>>();
  });

  test("documented error statuses are a literal union", () => {
    expectTypeOf<RemoveOrgTeamUserFromTeamErrorStatus>().toEqualTypeOf<400 | 401 | 403 | 404 | 429 | 500>();
  });
});
