from enum import StrEnum


class CoursesListSort(StrEnum):
    CREATED_AT = "created_at"
    PUBLISHED_AT = "published_at"
    TITLE = "title"
    UPDATED_AT = "updated_at"
    VALUE_1 = "-created_at"
    VALUE_3 = "-updated_at"
    VALUE_5 = "-title"
    VALUE_7 = "-published_at"

    def __str__(self) -> str:
        return str(self.value)
