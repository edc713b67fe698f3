from enum import StrEnum


class VendorRole(StrEnum):
    ADMIN = "admin"
    CHANNEL_MANAGER = "channel_manager"

    def __str__(self) -> str:
        return str(self.value)
