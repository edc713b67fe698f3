from enum import StrEnum


class ApiClientCreateScopesType0Item(StrEnum):
    ASSETSREAD = "assets:read"
    ASSETSWRITE = "assets:write"
    AUDITREAD = "audit:read"
    DEALSAPPROVE = "deals:approve"
    DEALSREAD = "deals:read"
    DEALSWRITE = "deals:write"
    EVENTSREAD = "events:read"
    METRICSREAD = "metrics:read"
    METRICSWRITE = "metrics:write"
    PARTNERSREAD = "partners:read"
    PARTNERSWRITE = "partners:write"
    TRAININGSENROLL = "trainings:enroll"
    TRAININGSREAD = "trainings:read"
    TRAININGSWRITE = "trainings:write"
    USERSREAD = "users:read"
    USERSWRITE = "users:write"
    WEBHOOKSMANAGE = "webhooks:manage"

    def __str__(self) -> str:
        return str(self.value)
