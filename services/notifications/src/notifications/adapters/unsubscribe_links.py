"""One-click unsubscribe links: the learner and channel signed with itsdangerous, expiring after max_age."""

from uuid import UUID

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from notifications.domain.contacts import Channel
from notifications.domain.preferences import LinkRefused


class SignedUnsubscribeLinks:
    """The `UnsubscribeLinks` port: HMAC-signed, timestamped tokens in a URL."""

    def __init__(self, secret: str, base_url: str, max_age_seconds: int) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="notifications.unsubscribe")
        self._base_url, self._max_age = base_url.rstrip("/"), max_age_seconds

    def link(self, learner_id: UUID, channel: Channel) -> str:
        """The URL that opts the learner out of the channel."""
        token = self._signer.dumps([str(learner_id), channel.value])
        return f"{self._base_url}/v1/unsubscribe?token={token}"

    def read(self, token: str) -> tuple[UUID, Channel]:
        """The learner and channel of a token; `LinkRefused` if forged, altered or expired."""
        try:
            learner, channel = self._signer.loads(token, max_age=self._max_age)
            return UUID(learner), Channel(channel)
        except SignatureExpired:
            raise LinkRefused.expired() from None
        except (BadSignature, ValueError, TypeError):
            raise LinkRefused.invalid() from None
