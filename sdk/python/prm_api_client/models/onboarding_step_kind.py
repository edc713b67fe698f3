from enum import StrEnum


class OnboardingStepKind(StrEnum):
    AGREEMENT_ACCEPTED = "agreement_accepted"
    COURSE_COMPLETED = "course_completed"
    CUSTOM = "custom"
    FIRST_DEAL_REGISTERED = "first_deal_registered"
    PROFILE_COMPLETED = "profile_completed"
    USERS_INVITED = "users_invited"

    def __str__(self) -> str:
        return str(self.value)
