from enum import StrEnum


class XapiVerbId(StrEnum):
    HTTPADLNET_GOVEXPAPIVERBSCOMPLETED = "http://adlnet.gov/expapi/verbs/completed"
    HTTPADLNET_GOVEXPAPIVERBSFAILED = "http://adlnet.gov/expapi/verbs/failed"
    HTTPADLNET_GOVEXPAPIVERBSPASSED = "http://adlnet.gov/expapi/verbs/passed"

    def __str__(self) -> str:
        return str(self.value)
