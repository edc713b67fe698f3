"""The onboarding checklist: the program's plan and each partner's progress through it."""
