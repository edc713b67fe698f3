from enum import StrEnum


class ChangeDirection(StrEnum):
    DOWNGRADE = "downgrade"
    UPGRADE = "upgrade"

    def __str__(self) -> str:
        return str(self.value)
