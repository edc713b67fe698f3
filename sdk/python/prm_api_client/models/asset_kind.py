from enum import StrEnum


class AssetKind(StrEnum):
    ARCHIVE = "archive"
    DOCUMENT = "document"
    IMAGE = "image"
    LINK = "link"
    OTHER = "other"
    PRESENTATION = "presentation"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
