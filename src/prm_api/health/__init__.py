"""Partner health: an explainable 0–100 score per partner, its daily history, band crossings
(``partner.health_changed``) and next-best-action recommendations (issue 15)."""
