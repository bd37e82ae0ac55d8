"""The channels and sending policy from settings: which senders exist, each rate-limited."""

from datetime import time, timedelta

from servicekit.settings import ServiceSettings

from notifications.adapters.channels.email import SmtpEmail
from notifications.adapters.channels.http_gateways import SmsGateway, ZaloOfficialAccount
from notifications.adapters.channels.inbox import InAppInbox
from notifications.adapters.channels.rate_limit import RateLimited
from notifications.adapters.receipt_signatures import HmacReceiptSignatures
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.adapters.unsubscribe_links import SignedUnsubscribeLinks
from notifications.app.deliver import Sending
from notifications.app.outside_ports import ChannelSender
from notifications.domain.contacts import Channel
from notifications.domain.delivery import RetryPolicy
from notifications.domain.preferences import QuietHours


def channels(s: ServiceSettings) -> dict[Channel, ChannelSender]:
    """Every configured channel; SMS and the messaging app only when their endpoint is set."""
    found: dict[Channel, ChannelSender] = {
        Channel.EMAIL: SmtpEmail(
            s.smtp_host, s.smtp_port, s.smtp_sender, s.smtp_timeout_seconds, s.delivery_concurrency
        ),
        Channel.IN_APP: InAppInbox(),
    }
    if s.sms_gateway_url:
        found[Channel.SMS] = SmsGateway(s.sms_gateway_url, s.sms_gateway_token, s.channel_timeout_seconds)
    if s.zalo_api_url:
        found[Channel.ZALO] = ZaloOfficialAccount(
            s.zalo_api_url, s.zalo_access_token, s.channel_timeout_seconds
        )
    return {c: RateLimited(sender, s.channel_rate_per_second) for c, sender in found.items()}


def sending(s: ServiceSettings) -> Sending:
    """How the sender loop works, from settings."""
    policy = RetryPolicy(
        s.delivery_max_attempts,
        timedelta(seconds=s.delivery_backoff_seconds),
        timedelta(seconds=s.delivery_backoff_max_seconds),
    )
    lease = timedelta(seconds=s.delivery_lease_seconds)
    quiet = QuietHours(time(s.quiet_hours_start), time(s.quiet_hours_end))
    engine = SandboxedTemplates()
    links, concurrency = unsubscribe_links(s), s.delivery_concurrency
    return Sending(channels(s), policy, s.delivery_batch_size, lease, engine, quiet, links, concurrency)


def unsubscribe_links(s: ServiceSettings) -> SignedUnsubscribeLinks | None:
    """The link signer; None when no key is configured (then no links are put in messages)."""
    secret = s.unsubscribe_secret or s.jwt_dev_secret
    if secret is None:
        return None
    max_age = s.unsubscribe_link_days * 86_400
    return SignedUnsubscribeLinks(secret.get_secret_value(), s.unsubscribe_base_url, max_age)


def receipt_signatures(s: ServiceSettings) -> HmacReceiptSignatures:
    """The providers' receipt secrets; a channel without one takes no receipts."""
    return HmacReceiptSignatures({Channel.SMS: s.sms_receipt_secret, Channel.ZALO: s.zalo_receipt_secret})
