"""Contains all the data models used in inputs/outputs"""

from .action_reason import ActionReason
from .address import Address
from .api_client_create import ApiClientCreate
from .api_client_create_role import ApiClientCreateRole
from .api_client_create_scopes_type_0_item import ApiClientCreateScopesType0Item
from .api_client_out import ApiClientOut
from .api_client_with_secret import ApiClientWithSecret
from .api_clients_list_role_type_0 import ApiClientsListRoleType0
from .application_contact import ApplicationContact
from .attempt_out import AttemptOut
from .audit_checkpoint_out import AuditCheckpointOut
from .audit_event_out import AuditEventOut
from .audit_event_out_changes import AuditEventOutChanges
from .audit_verify_checkpoint import AuditVerifyCheckpoint
from .audit_verify_out import AuditVerifyOut
from .audit_verify_position import AuditVerifyPosition
from .body_oauth_introspect import BodyOauthIntrospect
from .body_oauth_revoke import BodyOauthRevoke
from .body_oauth_token import BodyOauthToken
from .close_body import CloseBody
from .conflict_list import ConflictList
from .conflict_out import ConflictOut
from .contact import Contact
from .contact_in import ContactIn
from .country_code import CountryCode
from .currency_code import CurrencyCode
from .customer import Customer
from .customer_in import CustomerIn
from .customer_patch import CustomerPatch
from .deal_create import DealCreate
from .deal_create_external_ids import DealCreateExternalIds
from .deal_out import DealOut
from .deal_out_external_ids import DealOutExternalIds
from .deal_rule_create import DealRuleCreate
from .deal_rule_out import DealRuleOut
from .deal_rule_update import DealRuleUpdate
from .deal_stage import DealStage
from .deal_status import DealStatus
from .deal_update import DealUpdate
from .deal_update_external_ids_type_0 import DealUpdateExternalIdsType0
from .deal_upsert import DealUpsert
from .deal_upsert_external_ids import DealUpsertExternalIds
from .decision import Decision
from .delivery_status import DeliveryStatus
from .endpoint_health import EndpointHealth
from .event_actor import EventActor
from .event_data import EventData
from .event_data_object import EventDataObject
from .event_data_previous_attributes_type_0 import EventDataPreviousAttributesType0
from .event_out import EventOut
from .event_type_list import EventTypeList
from .event_type_out import EventTypeOut
from .event_type_out_schema import EventTypeOutSchema
from .extend_body import ExtendBody
from .field_error import FieldError
from .introspection_response import IntrospectionResponse
from .invitation_accept import InvitationAccept
from .invitation_create import InvitationCreate
from .invitation_out import InvitationOut
from .invitation_with_token import InvitationWithToken
from .lifecycle_action import LifecycleAction
from .me_out import MeOut
from .me_out_subject_type import MeOutSubjectType
from .money import Money
from .oauth_jwks_response_oauth_jwks import OauthJwksResponseOauthJwks
from .oauth_metadata_response_oauth_metadata import OauthMetadataResponseOauthMetadata
from .ops_healthz_response_ops_healthz import OpsHealthzResponseOpsHealthz
from .page_api_client_out import PageApiClientOut
from .page_audit_checkpoint_out import PageAuditCheckpointOut
from .page_audit_event_out import PageAuditEventOut
from .page_deal_out import PageDealOut
from .page_deal_rule_out import PageDealRuleOut
from .page_event_out import PageEventOut
from .page_invitation_out import PageInvitationOut
from .page_partner_out import PagePartnerOut
from .page_tier_out import PageTierOut
from .page_user_out import PageUserOut
from .page_webhook_delivery_out import PageWebhookDeliveryOut
from .page_webhook_endpoint_out import PageWebhookEndpointOut
from .partner_application_create import PartnerApplicationCreate
from .partner_application_out import PartnerApplicationOut
from .partner_create import PartnerCreate
from .partner_create_external_ids import PartnerCreateExternalIds
from .partner_out import PartnerOut
from .partner_out_external_ids import PartnerOutExternalIds
from .partner_role import PartnerRole
from .partner_status import PartnerStatus
from .partner_type import PartnerType
from .partner_update import PartnerUpdate
from .partner_update_external_ids_type_0 import PartnerUpdateExternalIdsType0
from .partner_user_create import PartnerUserCreate
from .partner_user_update import PartnerUserUpdate
from .problem import Problem
from .program_settings_out import ProgramSettingsOut
from .program_settings_update import ProgramSettingsUpdate
from .recover_body import RecoverBody
from .recover_result import RecoverResult
from .reject_body import RejectBody
from .test_result import TestResult
from .tier_assignment import TierAssignment
from .tier_create import TierCreate
from .tier_out import TierOut
from .tier_ref import TierRef
from .tier_update import TierUpdate
from .token_response import TokenResponse
from .user_create import UserCreate
from .user_create_role import UserCreateRole
from .user_out import UserOut
from .user_update import UserUpdate
from .user_update_role import UserUpdateRole
from .users_list_role_type_0 import UsersListRoleType0
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret

__all__ = (
    "ActionReason",
    "Address",
    "ApiClientCreate",
    "ApiClientCreateRole",
    "ApiClientCreateScopesType0Item",
    "ApiClientOut",
    "ApiClientsListRoleType0",
    "ApiClientWithSecret",
    "ApplicationContact",
    "AttemptOut",
    "AuditCheckpointOut",
    "AuditEventOut",
    "AuditEventOutChanges",
    "AuditVerifyCheckpoint",
    "AuditVerifyOut",
    "AuditVerifyPosition",
    "BodyOauthIntrospect",
    "BodyOauthRevoke",
    "BodyOauthToken",
    "CloseBody",
    "ConflictList",
    "ConflictOut",
    "Contact",
    "ContactIn",
    "CountryCode",
    "CurrencyCode",
    "Customer",
    "CustomerIn",
    "CustomerPatch",
    "DealCreate",
    "DealCreateExternalIds",
    "DealOut",
    "DealOutExternalIds",
    "DealRuleCreate",
    "DealRuleOut",
    "DealRuleUpdate",
    "DealStage",
    "DealStatus",
    "DealUpdate",
    "DealUpdateExternalIdsType0",
    "DealUpsert",
    "DealUpsertExternalIds",
    "Decision",
    "DeliveryStatus",
    "EndpointHealth",
    "EventActor",
    "EventData",
    "EventDataObject",
    "EventDataPreviousAttributesType0",
    "EventOut",
    "EventTypeList",
    "EventTypeOut",
    "EventTypeOutSchema",
    "ExtendBody",
    "FieldError",
    "IntrospectionResponse",
    "InvitationAccept",
    "InvitationCreate",
    "InvitationOut",
    "InvitationWithToken",
    "LifecycleAction",
    "MeOut",
    "MeOutSubjectType",
    "Money",
    "OauthJwksResponseOauthJwks",
    "OauthMetadataResponseOauthMetadata",
    "OpsHealthzResponseOpsHealthz",
    "PageApiClientOut",
    "PageAuditCheckpointOut",
    "PageAuditEventOut",
    "PageDealOut",
    "PageDealRuleOut",
    "PageEventOut",
    "PageInvitationOut",
    "PagePartnerOut",
    "PageTierOut",
    "PageUserOut",
    "PageWebhookDeliveryOut",
    "PageWebhookEndpointOut",
    "PartnerApplicationCreate",
    "PartnerApplicationOut",
    "PartnerCreate",
    "PartnerCreateExternalIds",
    "PartnerOut",
    "PartnerOutExternalIds",
    "PartnerRole",
    "PartnerStatus",
    "PartnerType",
    "PartnerUpdate",
    "PartnerUpdateExternalIdsType0",
    "PartnerUserCreate",
    "PartnerUserUpdate",
    "Problem",
    "ProgramSettingsOut",
    "ProgramSettingsUpdate",
    "RecoverBody",
    "RecoverResult",
    "RejectBody",
    "TestResult",
    "TierAssignment",
    "TierCreate",
    "TierOut",
    "TierRef",
    "TierUpdate",
    "TokenResponse",
    "UserCreate",
    "UserCreateRole",
    "UserOut",
    "UsersListRoleType0",
    "UserUpdate",
    "UserUpdateRole",
    "WebhookDeliveryOut",
    "WebhookEndpointCreate",
    "WebhookEndpointOut",
    "WebhookEndpointUpdate",
    "WebhookEndpointWithSecret",
)
