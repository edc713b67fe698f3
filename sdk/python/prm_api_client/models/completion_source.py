from enum import StrEnum


class CompletionSource(StrEnum):
    API = "api"
    XAPI = "xapi"

    def __str__(self) -> str:
        return str(self.value)
