"""HTTP channels: an SMS gateway and a messaging app (Zalo Official Account style), both JSON over POST."""

import httpx
from pydantic import SecretStr

from notifications.app.outside_ports import SendFailed
from notifications.domain.delivery import Outgoing

_RETRY_LATER = {408, 425, 429}


class _JsonGateway:
    """POSTs one JSON document per message with a bearer token and the delivery id as Idempotency-Key."""

    name = "http"

    def __init__(self, url: str, token: SecretStr | None, timeout: float) -> None:
        self._url, self._token, self._timeout = url, token, timeout

    def payload(self, item: Outgoing) -> dict[str, object]:
        """The provider's request body for one message."""
        raise NotImplementedError

    async def send(self, item: Outgoing) -> None:
        """Send one message; `SendFailed` with the HTTP status (never the provider's text)."""
        headers = {"Idempotency-Key": item.key}
        if self._token is not None:
            headers["Authorization"] = f"Bearer {self._token.get_secret_value()}"
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                response = await client.post(self._url, json=self.payload(item), headers=headers)
        except httpx.HTTPError:
            raise SendFailed(f"{self.name}-unreachable", transient=True) from None
        status = response.status_code
        if status >= 300:
            transient = status >= 500 or status in _RETRY_LATER
            raise SendFailed(f"{self.name}-{status}", transient=transient)


class SmsGateway(_JsonGateway):
    """An SMS provider: `{"to": "+84...", "text": ..., "reference": <delivery id>}`."""

    name = "sms"

    def payload(self, item: Outgoing) -> dict[str, object]:
        """The gateway's request body."""
        return {"to": item.address, "text": item.body, "reference": item.key}


class ZaloOfficialAccount(_JsonGateway):
    """A messaging app reaching a phone number, shaped like Zalo's notification API (phone, template data)."""

    name = "zalo"

    def payload(self, item: Outgoing) -> dict[str, object]:
        """The messaging app's request body."""
        phone = item.address.removeprefix("+")  # Zalo takes 84xxxxxxxxx
        return {
            "phone": phone,
            "tracking_id": item.key,
            "template_data": {"title": item.subject, "content": item.body},
        }
