from enum import StrEnum


class MetricKey(StrEnum):
    ACTIVE_PARTNERS = "active_partners"
    ACTIVE_USERS = "active_users"
    APPROVAL_RATE = "approval_rate"
    ASSET_DOWNLOADS = "asset_downloads"
    AVG_DEAL_VALUE = "avg_deal_value"
    CERTIFIED_USERS = "certified_users"
    CONFLICT_RATE = "conflict_rate"
    COURSE_COMPLETIONS = "course_completions"
    DEALS_REGISTERED = "deals_registered"
    MEDIAN_TIME_TO_APPROVAL = "median_time_to_approval"
    MEDIAN_TIME_TO_ONBOARD = "median_time_to_onboard"
    NEW_PARTNERS = "new_partners"
    PIPELINE = "pipeline"
    WIN_RATE = "win_rate"
    WON_DEALS = "won_deals"
    WON_REVENUE = "won_revenue"

    def __str__(self) -> str:
        return str(self.value)
