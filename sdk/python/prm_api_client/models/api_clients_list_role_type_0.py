from enum import StrEnum


class ApiClientsListRoleType0(StrEnum):
    ADMIN = "admin"
    CHANNEL_MANAGER = "channel_manager"

    def __str__(self) -> str:
        return str(self.value)
