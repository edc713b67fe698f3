"""Contains all the data models used in inputs/outputs"""

from .action_reason import ActionReason
from .address import Address
from .api_client import ApiClient
from .api_client_create import ApiClientCreate
from .api_client_create_scopes_type_0_item import ApiClientCreateScopesType0Item
from .api_client_list import ApiClientList
from .api_client_with_secret import ApiClientWithSecret
from .api_clients_list_sort import ApiClientsListSort
from .application_contact import ApplicationContact
from .asset import Asset
from .asset_categories_list_sort import AssetCategoriesListSort
from .asset_category import AssetCategory
from .asset_category_create import AssetCategoryCreate
from .asset_category_list import AssetCategoryList
from .asset_category_update import AssetCategoryUpdate
from .asset_create import AssetCreate
from .asset_create_external_ids import AssetCreateExternalIds
from .asset_current_version import AssetCurrentVersion
from .asset_downloads import AssetDownloads
from .asset_external_ids import AssetExternalIds
from .asset_kind import AssetKind
from .asset_list import AssetList
from .asset_share_link import AssetShareLink
from .asset_share_link_create import AssetShareLinkCreate
from .asset_share_link_created import AssetShareLinkCreated
from .asset_share_link_list import AssetShareLinkList
from .asset_stats import AssetStats
from .asset_status import AssetStatus
from .asset_update import AssetUpdate
from .asset_update_external_ids_type_0 import AssetUpdateExternalIdsType0
from .asset_version import AssetVersion
from .asset_version_list import AssetVersionList
from .assets_list_sort import AssetsListSort
from .assets_versions_create_asset_version_upload import AssetsVersionsCreateAssetVersionUpload
from .attempt_status import AttemptStatus
from .audience import Audience
from .audience_decision import AudienceDecision
from .audience_dimension import AudienceDimension
from .audience_dimension_check import AudienceDimensionCheck
from .audience_explanation import AudienceExplanation
from .audit_checkpoint import AuditCheckpoint
from .audit_checkpoint_list import AuditCheckpointList
from .audit_checkpoints_list_sort import AuditCheckpointsListSort
from .audit_event import AuditEvent
from .audit_event_changes import AuditEventChanges
from .audit_event_list import AuditEventList
from .audit_events_list_sort import AuditEventsListSort
from .audit_verification import AuditVerification
from .audit_verify_checkpoint import AuditVerifyCheckpoint
from .audit_verify_position import AuditVerifyPosition
from .authorization_server_metadata import AuthorizationServerMetadata
from .certification import Certification
from .certification_credential import CertificationCredential
from .certification_credential_credential import CertificationCredentialCredential
from .certification_list import CertificationList
from .certification_program import CertificationProgram
from .certification_program_create import CertificationProgramCreate
from .certification_program_create_external_ids import CertificationProgramCreateExternalIds
from .certification_program_external_ids import CertificationProgramExternalIds
from .certification_program_list import CertificationProgramList
from .certification_program_status import CertificationProgramStatus
from .certification_program_update import CertificationProgramUpdate
from .certification_program_update_external_ids_type_0 import CertificationProgramUpdateExternalIdsType0
from .certification_programs_list_sort import CertificationProgramsListSort
from .certification_revoke import CertificationRevoke
from .certification_status import CertificationStatus
from .certification_verification import CertificationVerification
from .certifications_list_sort import CertificationsListSort
from .change_criteria import ChangeCriteria
from .change_decision import ChangeDecision
from .change_direction import ChangeDirection
from .change_status import ChangeStatus
from .checklist_progress import ChecklistProgress
from .checklist_step import ChecklistStep
from .checklist_step_status import ChecklistStepStatus
from .completion_outcome import CompletionOutcome
from .completion_source import CompletionSource
from .contact import Contact
from .contact_in import ContactIn
from .conversion_reason import ConversionReason
from .count import Count
from .count_criterion import CountCriterion
from .country_code import CountryCode
from .course import Course
from .course_create import CourseCreate
from .course_create_external_ids import CourseCreateExternalIds
from .course_external_id import CourseExternalId
from .course_external_ids import CourseExternalIds
from .course_level import CourseLevel
from .course_list import CourseList
from .course_module import CourseModule
from .course_module_create import CourseModuleCreate
from .course_module_update import CourseModuleUpdate
from .course_publish import CoursePublish
from .course_status import CourseStatus
from .course_update import CourseUpdate
from .course_update_external_ids_type_0 import CourseUpdateExternalIdsType0
from .courses_list_sort import CoursesListSort
from .currency_code import CurrencyCode
from .customer import Customer
from .customer_in import CustomerIn
from .customer_patch import CustomerPatch
from .day_downloads import DayDownloads
from .deal import Deal
from .deal_close import DealClose
from .deal_conflict import DealConflict
from .deal_conflict_list import DealConflictList
from .deal_create import DealCreate
from .deal_create_external_ids import DealCreateExternalIds
from .deal_extension import DealExtension
from .deal_external_ids import DealExternalIds
from .deal_list import DealList
from .deal_rejection import DealRejection
from .deal_rule import DealRule
from .deal_rule_create import DealRuleCreate
from .deal_rule_list import DealRuleList
from .deal_rule_update import DealRuleUpdate
from .deal_stage import DealStage
from .deal_status import DealStatus
from .deal_update import DealUpdate
from .deal_update_external_ids_type_0 import DealUpdateExternalIdsType0
from .deal_upsert import DealUpsert
from .deal_upsert_external_ids import DealUpsertExternalIds
from .deals_list_sort import DealsListSort
from .decision import Decision
from .delivery_status import DeliveryStatus
from .dimension import Dimension
from .enrollment import Enrollment
from .enrollment_create import EnrollmentCreate
from .enrollment_list import EnrollmentList
from .enrollment_source import EnrollmentSource
from .enrollment_status import EnrollmentStatus
from .enrollments_external_completions_list_sort import EnrollmentsExternalCompletionsListSort
from .enrollments_list_sort import EnrollmentsListSort
from .evaluation_counts import EvaluationCounts
from .evaluation_mode import EvaluationMode
from .evaluation_status import EvaluationStatus
from .evaluation_trigger import EvaluationTrigger
from .event import Event
from .event_actor import EventActor
from .event_data import EventData
from .event_data_object import EventDataObject
from .event_data_previous_attributes_type_0 import EventDataPreviousAttributesType0
from .event_list import EventList
from .event_type import EventType
from .event_type_list import EventTypeList
from .event_type_schema import EventTypeSchema
from .events_list_sort import EventsListSort
from .exchange_rate import ExchangeRate
from .exchange_rate_conversion import ExchangeRateConversion
from .exchange_rate_create import ExchangeRateCreate
from .exchange_rate_import_result import ExchangeRateImportResult
from .exchange_rate_list import ExchangeRateList
from .exchange_rate_replace import ExchangeRateReplace
from .exchange_rate_update import ExchangeRateUpdate
from .exchange_rates_import_json_exchange_rate_import import ExchangeRatesImportJsonExchangeRateImport
from .exchange_rates_list_sort import ExchangeRatesListSort
from .expiring_certification import ExpiringCertification
from .external_completion import ExternalCompletion
from .external_completion_create import ExternalCompletionCreate
from .external_completion_list import ExternalCompletionList
from .field_error import FieldError
from .health_band import HealthBand
from .health_component import HealthComponent
from .health_factor import HealthFactor
from .health_factor_figures import HealthFactorFigures
from .health_snapshot import HealthSnapshot
from .health_weights import HealthWeights
from .interval import Interval
from .introspection_request import IntrospectionRequest
from .introspection_response import IntrospectionResponse
from .invitation import Invitation
from .invitation_accept import InvitationAccept
from .invitation_create import InvitationCreate
from .invitation_list import InvitationList
from .invitation_with_token import InvitationWithToken
from .json_web_key_set import JsonWebKeySet
from .json_web_key_set_keys_item import JsonWebKeySetKeysItem
from .leaderboard import Leaderboard
from .leaderboard_entry import LeaderboardEntry
from .lifecycle_action import LifecycleAction
from .liveness import Liveness
from .me import Me
from .me_subject_type import MeSubjectType
from .metric_definition import MetricDefinition
from .metric_definition_list import MetricDefinitionList
from .metric_figures import MetricFigures
from .metric_figures_metrics import MetricFiguresMetrics
from .metric_figures_unconverted import MetricFiguresUnconverted
from .metric_key import MetricKey
from .metrics_filters import MetricsFilters
from .metrics_period import MetricsPeriod
from .metrics_query import MetricsQuery
from .metrics_result import MetricsResult
from .metrics_row import MetricsRow
from .metrics_row_dimensions import MetricsRowDimensions
from .metrics_row_metrics import MetricsRowMetrics
from .metrics_row_unconverted import MetricsRowUnconverted
from .metrics_summary import MetricsSummary
from .module_completion import ModuleCompletion
from .module_kind import ModuleKind
from .module_order import ModuleOrder
from .module_progress import ModuleProgress
from .module_state import ModuleState
from .money import Money
from .money_criterion import MoneyCriterion
from .month_downloads import MonthDownloads
from .onboarding_checklist import OnboardingChecklist
from .onboarding_step import OnboardingStep
from .onboarding_step_create import OnboardingStepCreate
from .onboarding_step_kind import OnboardingStepKind
from .onboarding_step_list import OnboardingStepList
from .onboarding_step_update import OnboardingStepUpdate
from .partner import Partner
from .partner_application import PartnerApplication
from .partner_application_create import PartnerApplicationCreate
from .partner_create import PartnerCreate
from .partner_create_external_ids import PartnerCreateExternalIds
from .partner_downloads import PartnerDownloads
from .partner_engagement import PartnerEngagement
from .partner_external_ids import PartnerExternalIds
from .partner_figures import PartnerFigures
from .partner_health import PartnerHealth
from .partner_health_history import PartnerHealthHistory
from .partner_list import PartnerList
from .partner_role import PartnerRole
from .partner_standing import PartnerStanding
from .partner_status import PartnerStatus
from .partner_type import PartnerType
from .partner_update import PartnerUpdate
from .partner_update_external_ids_type_0 import PartnerUpdateExternalIdsType0
from .partner_upsert import PartnerUpsert
from .partner_upsert_external_ids import PartnerUpsertExternalIds
from .partner_user_create import PartnerUserCreate
from .partner_user_update import PartnerUserUpdate
from .partner_users_list_sort import PartnerUsersListSort
from .partners_list_sort import PartnersListSort
from .planned_cancellation import PlannedCancellation
from .planned_change import PlannedChange
from .problem import Problem
from .profile_field import ProfileField
from .program_settings import ProgramSettings
from .program_settings_update import ProgramSettingsUpdate
from .progress_summary import ProgressSummary
from .question_kind import QuestionKind
from .question_result import QuestionResult
from .quiz_answers import QuizAnswers
from .quiz_answers_answers import QuizAnswersAnswers
from .quiz_attempt import QuizAttempt
from .quiz_attempt_answers import QuizAttemptAnswers
from .quiz_option import QuizOption
from .quiz_question import QuizQuestion
from .quiz_question_create import QuizQuestionCreate
from .quiz_settings import QuizSettings
from .quiz_settings_create import QuizSettingsCreate
from .recommendation import Recommendation
from .recommendation_figures import RecommendationFigures
from .recommendation_kind import RecommendationKind
from .recommendation_list import RecommendationList
from .recommendation_priority import RecommendationPriority
from .recommendation_target import RecommendationTarget
from .recommendation_target_type import RecommendationTargetType
from .revocation_request import RevocationRequest
from .role import Role
from .scorecard import Scorecard
from .scorecard_certifications import ScorecardCertifications
from .scorecard_figures import ScorecardFigures
from .scorecard_kpis import ScorecardKpis
from .scorecard_onboarding import ScorecardOnboarding
from .scorecard_period import ScorecardPeriod
from .tier import Tier
from .tier_assignment import TierAssignment
from .tier_check import TierCheck
from .tier_create import TierCreate
from .tier_evaluation import TierEvaluation
from .tier_evaluation_change import TierEvaluationChange
from .tier_evaluation_change_list import TierEvaluationChangeList
from .tier_evaluation_list import TierEvaluationList
from .tier_evaluation_mode import TierEvaluationMode
from .tier_evaluation_preview import TierEvaluationPreview
from .tier_evaluations_list_sort import TierEvaluationsListSort
from .tier_list import TierList
from .tier_progress import TierProgress
from .tier_ref import TierRef
from .tier_update import TierUpdate
from .tiers_list_sort import TiersListSort
from .token_request import TokenRequest
from .token_request_grant_type import TokenRequestGrantType
from .token_response import TokenResponse
from .trend_point import TrendPoint
from .trend_point_metrics import TrendPointMetrics
from .trend_point_unconverted import TrendPointUnconverted
from .unit import Unit
from .user import User
from .user_create import UserCreate
from .user_list import UserList
from .user_update import UserUpdate
from .users_list_sort import UsersListSort
from .vendor_role import VendorRole
from .verification_status import VerificationStatus
from .version_downloads import VersionDownloads
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_attempt import WebhookDeliveryAttempt
from .webhook_delivery_list import WebhookDeliveryList
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_list import WebhookEndpointList
from .webhook_endpoint_stats import WebhookEndpointStats
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .webhook_endpoints_deliveries_list_sort import WebhookEndpointsDeliveriesListSort
from .webhook_endpoints_list_sort import WebhookEndpointsListSort
from .webhook_recovery import WebhookRecovery
from .webhook_recovery_result import WebhookRecoveryResult
from .webhook_test_delivery import WebhookTestDelivery
from .xapi_account import XapiAccount
from .xapi_activity import XapiActivity
from .xapi_actor import XapiActor
from .xapi_result import XapiResult
from .xapi_score import XapiScore
from .xapi_statement import XapiStatement
from .xapi_verb import XapiVerb
from .xapi_verb_id import XapiVerbId

__all__ = (
    "ActionReason",
    "Address",
    "ApiClient",
    "ApiClientCreate",
    "ApiClientCreateScopesType0Item",
    "ApiClientList",
    "ApiClientsListSort",
    "ApiClientWithSecret",
    "ApplicationContact",
    "Asset",
    "AssetCategoriesListSort",
    "AssetCategory",
    "AssetCategoryCreate",
    "AssetCategoryList",
    "AssetCategoryUpdate",
    "AssetCreate",
    "AssetCreateExternalIds",
    "AssetCurrentVersion",
    "AssetDownloads",
    "AssetExternalIds",
    "AssetKind",
    "AssetList",
    "AssetShareLink",
    "AssetShareLinkCreate",
    "AssetShareLinkCreated",
    "AssetShareLinkList",
    "AssetsListSort",
    "AssetStats",
    "AssetStatus",
    "AssetsVersionsCreateAssetVersionUpload",
    "AssetUpdate",
    "AssetUpdateExternalIdsType0",
    "AssetVersion",
    "AssetVersionList",
    "AttemptStatus",
    "Audience",
    "AudienceDecision",
    "AudienceDimension",
    "AudienceDimensionCheck",
    "AudienceExplanation",
    "AuditCheckpoint",
    "AuditCheckpointList",
    "AuditCheckpointsListSort",
    "AuditEvent",
    "AuditEventChanges",
    "AuditEventList",
    "AuditEventsListSort",
    "AuditVerification",
    "AuditVerifyCheckpoint",
    "AuditVerifyPosition",
    "AuthorizationServerMetadata",
    "Certification",
    "CertificationCredential",
    "CertificationCredentialCredential",
    "CertificationList",
    "CertificationProgram",
    "CertificationProgramCreate",
    "CertificationProgramCreateExternalIds",
    "CertificationProgramExternalIds",
    "CertificationProgramList",
    "CertificationProgramsListSort",
    "CertificationProgramStatus",
    "CertificationProgramUpdate",
    "CertificationProgramUpdateExternalIdsType0",
    "CertificationRevoke",
    "CertificationsListSort",
    "CertificationStatus",
    "CertificationVerification",
    "ChangeCriteria",
    "ChangeDecision",
    "ChangeDirection",
    "ChangeStatus",
    "ChecklistProgress",
    "ChecklistStep",
    "ChecklistStepStatus",
    "CompletionOutcome",
    "CompletionSource",
    "Contact",
    "ContactIn",
    "ConversionReason",
    "Count",
    "CountCriterion",
    "CountryCode",
    "Course",
    "CourseCreate",
    "CourseCreateExternalIds",
    "CourseExternalId",
    "CourseExternalIds",
    "CourseLevel",
    "CourseList",
    "CourseModule",
    "CourseModuleCreate",
    "CourseModuleUpdate",
    "CoursePublish",
    "CoursesListSort",
    "CourseStatus",
    "CourseUpdate",
    "CourseUpdateExternalIdsType0",
    "CurrencyCode",
    "Customer",
    "CustomerIn",
    "CustomerPatch",
    "DayDownloads",
    "Deal",
    "DealClose",
    "DealConflict",
    "DealConflictList",
    "DealCreate",
    "DealCreateExternalIds",
    "DealExtension",
    "DealExternalIds",
    "DealList",
    "DealRejection",
    "DealRule",
    "DealRuleCreate",
    "DealRuleList",
    "DealRuleUpdate",
    "DealsListSort",
    "DealStage",
    "DealStatus",
    "DealUpdate",
    "DealUpdateExternalIdsType0",
    "DealUpsert",
    "DealUpsertExternalIds",
    "Decision",
    "DeliveryStatus",
    "Dimension",
    "Enrollment",
    "EnrollmentCreate",
    "EnrollmentList",
    "EnrollmentsExternalCompletionsListSort",
    "EnrollmentsListSort",
    "EnrollmentSource",
    "EnrollmentStatus",
    "EvaluationCounts",
    "EvaluationMode",
    "EvaluationStatus",
    "EvaluationTrigger",
    "Event",
    "EventActor",
    "EventData",
    "EventDataObject",
    "EventDataPreviousAttributesType0",
    "EventList",
    "EventsListSort",
    "EventType",
    "EventTypeList",
    "EventTypeSchema",
    "ExchangeRate",
    "ExchangeRateConversion",
    "ExchangeRateCreate",
    "ExchangeRateImportResult",
    "ExchangeRateList",
    "ExchangeRateReplace",
    "ExchangeRatesImportJsonExchangeRateImport",
    "ExchangeRatesListSort",
    "ExchangeRateUpdate",
    "ExpiringCertification",
    "ExternalCompletion",
    "ExternalCompletionCreate",
    "ExternalCompletionList",
    "FieldError",
    "HealthBand",
    "HealthComponent",
    "HealthFactor",
    "HealthFactorFigures",
    "HealthSnapshot",
    "HealthWeights",
    "Interval",
    "IntrospectionRequest",
    "IntrospectionResponse",
    "Invitation",
    "InvitationAccept",
    "InvitationCreate",
    "InvitationList",
    "InvitationWithToken",
    "JsonWebKeySet",
    "JsonWebKeySetKeysItem",
    "Leaderboard",
    "LeaderboardEntry",
    "LifecycleAction",
    "Liveness",
    "Me",
    "MeSubjectType",
    "MetricDefinition",
    "MetricDefinitionList",
    "MetricFigures",
    "MetricFiguresMetrics",
    "MetricFiguresUnconverted",
    "MetricKey",
    "MetricsFilters",
    "MetricsPeriod",
    "MetricsQuery",
    "MetricsResult",
    "MetricsRow",
    "MetricsRowDimensions",
    "MetricsRowMetrics",
    "MetricsRowUnconverted",
    "MetricsSummary",
    "ModuleCompletion",
    "ModuleKind",
    "ModuleOrder",
    "ModuleProgress",
    "ModuleState",
    "Money",
    "MoneyCriterion",
    "MonthDownloads",
    "OnboardingChecklist",
    "OnboardingStep",
    "OnboardingStepCreate",
    "OnboardingStepKind",
    "OnboardingStepList",
    "OnboardingStepUpdate",
    "Partner",
    "PartnerApplication",
    "PartnerApplicationCreate",
    "PartnerCreate",
    "PartnerCreateExternalIds",
    "PartnerDownloads",
    "PartnerEngagement",
    "PartnerExternalIds",
    "PartnerFigures",
    "PartnerHealth",
    "PartnerHealthHistory",
    "PartnerList",
    "PartnerRole",
    "PartnersListSort",
    "PartnerStanding",
    "PartnerStatus",
    "PartnerType",
    "PartnerUpdate",
    "PartnerUpdateExternalIdsType0",
    "PartnerUpsert",
    "PartnerUpsertExternalIds",
    "PartnerUserCreate",
    "PartnerUsersListSort",
    "PartnerUserUpdate",
    "PlannedCancellation",
    "PlannedChange",
    "Problem",
    "ProfileField",
    "ProgramSettings",
    "ProgramSettingsUpdate",
    "ProgressSummary",
    "QuestionKind",
    "QuestionResult",
    "QuizAnswers",
    "QuizAnswersAnswers",
    "QuizAttempt",
    "QuizAttemptAnswers",
    "QuizOption",
    "QuizQuestion",
    "QuizQuestionCreate",
    "QuizSettings",
    "QuizSettingsCreate",
    "Recommendation",
    "RecommendationFigures",
    "RecommendationKind",
    "RecommendationList",
    "RecommendationPriority",
    "RecommendationTarget",
    "RecommendationTargetType",
    "RevocationRequest",
    "Role",
    "Scorecard",
    "ScorecardCertifications",
    "ScorecardFigures",
    "ScorecardKpis",
    "ScorecardOnboarding",
    "ScorecardPeriod",
    "Tier",
    "TierAssignment",
    "TierCheck",
    "TierCreate",
    "TierEvaluation",
    "TierEvaluationChange",
    "TierEvaluationChangeList",
    "TierEvaluationList",
    "TierEvaluationMode",
    "TierEvaluationPreview",
    "TierEvaluationsListSort",
    "TierList",
    "TierProgress",
    "TierRef",
    "TiersListSort",
    "TierUpdate",
    "TokenRequest",
    "TokenRequestGrantType",
    "TokenResponse",
    "TrendPoint",
    "TrendPointMetrics",
    "TrendPointUnconverted",
    "Unit",
    "User",
    "UserCreate",
    "UserList",
    "UsersListSort",
    "UserUpdate",
    "VendorRole",
    "VerificationStatus",
    "VersionDownloads",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookDeliveryList",
    "WebhookEndpoint",
    "WebhookEndpointCreate",
    "WebhookEndpointList",
    "WebhookEndpointsDeliveriesListSort",
    "WebhookEndpointsListSort",
    "WebhookEndpointStats",
    "WebhookEndpointUpdate",
    "WebhookEndpointWithSecret",
    "WebhookRecovery",
    "WebhookRecoveryResult",
    "WebhookTestDelivery",
    "XapiAccount",
    "XapiActivity",
    "XapiActor",
    "XapiResult",
    "XapiScore",
    "XapiStatement",
    "XapiVerb",
    "XapiVerbId",
)
