"""Identity: OAuth2 token endpoint, JWT access tokens, roles, scopes and the request principal."""
