"""People, teams, passkeys, sessions and invitations."""
