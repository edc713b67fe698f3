from enum import StrEnum


class AssetCategoriesListSort(StrEnum):
    NAME = "name"
    POSITION = "position"
    VALUE_1 = "-position"
    VALUE_3 = "-name"

    def __str__(self) -> str:
        return str(self.value)
