"""Use cases: save a new version of a template (checked at save time), preview one, render one to send."""

from dataclasses import dataclass

from servicekit.ports import Dependencies

from notifications.app.outside_ports import TemplateEngine
from notifications.app.ports import UnitOfWork
from notifications.domain.contacts import Channel
from notifications.domain.templates import sample_values, variables_of


@dataclass(frozen=True)
class TemplateText:
    """Command: the text of a template of a kind on a channel in a language."""

    kind: str
    channel: str
    language: str
    subject: str
    body: str


def checked(cmd: TemplateText, engine: TemplateEngine) -> dict[str, str]:
    """Refuse a template with bad syntax, unknown variables or an unsafe construct; the sample values."""
    declared = variables_of(cmd.kind, cmd.channel, cmd.language)
    for field, source in (("subject", cmd.subject), ("body", cmd.body)):
        engine.check(source, set(declared), field)
    samples = sample_values(cmd.kind)
    for field, source in (("subject", cmd.subject), ("body", cmd.body)):
        engine.render(source, samples, field)  # a trial render: the sandbox refuses here, not at send time
    return samples


async def save_template(
    cmd: TemplateText, uow: UnitOfWork, engine: TemplateEngine, deps: Dependencies
) -> int:
    """Store the template as a new version; its number."""
    checked(cmd, engine)
    async with uow:
        channel = Channel(cmd.channel)
        now = deps.clock.now()
        return await uow.templates.add_version(cmd.kind, channel, cmd.language, cmd.subject, cmd.body, now)


def preview(cmd: TemplateText, values: dict[str, str], engine: TemplateEngine) -> tuple[str, str]:
    """The subject and body rendered with `values` over the kind's sample values."""
    merged = {
        **checked(cmd, engine),
        **{k: v for k, v in values.items() if k in variables_of(cmd.kind, cmd.channel, cmd.language)},
    }
    return engine.render(cmd.subject, merged, "subject"), engine.render(cmd.body, merged, "body")
