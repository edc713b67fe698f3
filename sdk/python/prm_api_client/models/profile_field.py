from enum import StrEnum


class ProfileField(StrEnum):
    ADDRESS = "address"
    CONTACT_EMAIL = "contact_email"
    CONTACT_NAME = "contact_name"
    CONTACT_PHONE = "contact_phone"
    COUNTRY = "country"
    DESCRIPTION = "description"
    LEGAL_NAME = "legal_name"
    REGION = "region"
    WEBSITE = "website"

    def __str__(self) -> str:
        return str(self.value)
