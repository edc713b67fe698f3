"""Partners: recruitment, onboarding lifecycle, tiers, partner users and invitations."""
