interface Org {
  invitations: Set<string>;
  teams: Map<string, Set<string>>;
}

/** The organizations, pending invitations, teams and team members the mock knows about. */
export class MockState {
  readonly #orgs = new Map<string, Org>();
  #lastId = 0;

  addOrg(): string {
    const orgId = this.#nextId();
    this.#orgs.set(orgId, { invitations: new Set(), teams: new Map() });
    return orgId;
  }

  addInvitation(orgId: string): string {
    const invitationId = this.#nextId();
    this.#org(orgId).invitations.add(invitationId);
    return invitationId;
  }

  addTeam(orgId: string): string {
    const teamId = this.#nextId();
    this.#org(orgId).teams.set(teamId, new Set());
    return teamId;
  }

  /** Adds a new user to the team and returns the user's id. */
  addTeamMember(orgId: string, teamId: string): string {
    const members = this.#org(orgId).teams.get(teamId);
    if (!members) throw new Error(`MockState: no team ${teamId} in organization ${orgId}`);
    const userId = this.#nextId();
    members.add(userId);
    return userId;
  }

  hasInvitation(orgId: string, invitationId: string): boolean {
    return this.#orgs.get(orgId)?.invitations.has(invitationId) ?? false;
  }

  hasTeamMember(orgId: string, teamId: string, userId: string): boolean {
    return this.#orgs.get(orgId)?.teams.get(teamId)?.has(userId) ?? false;
  }

  /** Removes a pending invitation; returns what is missing when there is nothing to remove. */
  deleteInvitation(orgId: string, invitationId: string): "organization" | "invitation" | undefined {
    const org = this.#orgs.get(orgId);
    if (!org) return "organization";
    return org.invitations.delete(invitationId) ? undefined : "invitation";
  }

  /** Removes a user from a team; returns what is missing when there is nothing to remove. */
  removeTeamMember(
    orgId: string,
    teamId: string,
    userId: string,
  ): "organization" | "team" | "user" | undefined {
    const org = this.#orgs.get(orgId);
    if (!org) return "organization";
    const members = org.teams.get(teamId);
    if (!members) return "team";
    return members.delete(userId) ? undefined : "user";
  }

  // Counter-based, so ids are reproducible across runs yet match ^[a-f0-9]{24}$.
  #nextId(): string {
    this.#lastId += 1;
    return this.#lastId.toString(16).padStart(24, "0");
  }

  #org(orgId: string): Org {
    const org = this.#orgs.get(orgId);
    if (!org) throw new Error(`MockState: no organization ${orgId}`);
    return org;
  }
}
