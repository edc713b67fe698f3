"""Assets: the content library partners are enabled with (DESIGN §9)."""
