"""ORM models, one module per aggregate. Importing this package registers every table."""

from prm_api.models.api_client import ApiClient
from prm_api.models.asset import (
    Asset,
    AssetCategory,
    AssetDownload,
    AssetShareLink,
    AssetVersion,
)
from prm_api.models.audit import AuditCheckpoint, AuditEvent
from prm_api.models.auth import InstanceState, RefreshToken, RevokedAccessToken, SigningKey
from prm_api.models.base import Base
from prm_api.models.certification import Certification, CertificationProgram
from prm_api.models.deal import Deal, DealConflict, DealExternalId, DealRule, ProgramSettings
from prm_api.models.event import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from prm_api.models.health import PartnerHealthSnapshot
from prm_api.models.idempotency import IdempotencyRecord
from prm_api.models.lms import ExternalCompletion
from prm_api.models.metric_approvals import (
    MetricApprovalDay,
    MetricApprovalDelta,
    MetricApprovalMonth,
)
from prm_api.models.metrics import (
    DealApprovalHours,
    DealDailyRollup,
    EngagementDailyRollup,
    ExchangeRate,
    MetricCubeDay,
    MetricCubeDelta,
    MetricCubeDirtyMonth,
    MetricCubeMonth,
    MetricCubePlacement,
    MetricProgramDay,
    PartnerDealActivity,
    PartnerWonMonth,
    PartnerWonState,
    UserActivityBounds,
    UserActivityDay,
    UserActivitySpan,
    UserInSeveralPartners,
)
from prm_api.models.onboarding import OnboardingStep, PartnerOnboardingStep
from prm_api.models.partner import Invitation, Partner, PartnerExternalId, Tier
from prm_api.models.tier_evaluation import TierEvaluation, TierEvaluationChange
from prm_api.models.training import Course, CourseModule, Enrollment, ModuleProgress, QuizAttempt
from prm_api.models.upload import AssetUpload
from prm_api.models.user import User

__all__ = [
    "ApiClient",
    "Asset",
    "AssetCategory",
    "AssetDownload",
    "AssetShareLink",
    "AssetUpload",
    "AssetVersion",
    "AuditCheckpoint",
    "AuditEvent",
    "Base",
    "Certification",
    "CertificationProgram",
    "Course",
    "CourseModule",
    "Deal",
    "DealApprovalHours",
    "DealConflict",
    "DealDailyRollup",
    "DealExternalId",
    "DealRule",
    "EngagementDailyRollup",
    "Enrollment",
    "Event",
    "ExchangeRate",
    "ExternalCompletion",
    "IdempotencyRecord",
    "InstanceState",
    "Invitation",
    "MetricApprovalDay",
    "MetricApprovalDelta",
    "MetricApprovalMonth",
    "MetricCubeDay",
    "MetricCubeDelta",
    "MetricCubeDirtyMonth",
    "MetricCubeMonth",
    "MetricCubePlacement",
    "MetricProgramDay",
    "ModuleProgress",
    "OnboardingStep",
    "Partner",
    "PartnerDealActivity",
    "PartnerExternalId",
    "PartnerHealthSnapshot",
    "PartnerOnboardingStep",
    "PartnerWonMonth",
    "PartnerWonState",
    "ProgramSettings",
    "QuizAttempt",
    "RefreshToken",
    "RevokedAccessToken",
    "SigningKey",
    "Tier",
    "TierEvaluation",
    "TierEvaluationChange",
    "User",
    "UserActivityBounds",
    "UserActivityDay",
    "UserActivitySpan",
    "UserInSeveralPartners",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
