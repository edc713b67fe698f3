from enum import StrEnum


class ModuleKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    CONTENT = "content"
    LINK = "link"
    QUIZ = "quiz"

    def __str__(self) -> str:
        return str(self.value)
