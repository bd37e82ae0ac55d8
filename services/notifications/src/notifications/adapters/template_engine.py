"""Renders templates with jinja2's sandbox and StrictUndefined: unsafe or unknown references are refused."""

from functools import lru_cache

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from notifications.domain.templates import TemplateRefused

# Plain text for mail, SMS and apps: no HTML escaping; the sandbox stops attribute and call tricks.
_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


class SandboxedTemplates:
    """The `TemplateEngine` port on jinja2's SandboxedEnvironment."""

    def check(self, source: str, declared: set[str], field: str) -> None:
        """Refuse bad syntax and any variable not declared for the kind (at save time, not at send time)."""
        try:
            unknown = meta.find_undeclared_variables(_ENV.parse(source)) - declared
        except TemplateSyntaxError as bad:
            raise TemplateRefused(f"template syntax error on line {bad.lineno}", field) from None
        if unknown:
            raise TemplateRefused(f"unknown variable(s): {', '.join(sorted(unknown))}", field)

    def render(self, source: str, values: dict[str, str], field: str) -> str:
        """The text; `TemplateRefused` if it fails (e.g. an unsafe attribute, a missing value)."""
        try:
            return _compiled(source).render(values)
        except SecurityError:
            raise TemplateRefused("the template uses something the sandbox forbids", field) from None
        except TemplateError as failed:  # UndefinedError and the like: say the type, not the text
            raise TemplateRefused(
                f"the template cannot be rendered ({type(failed).__name__})", field
            ) from None


@lru_cache(maxsize=512)
def _compiled(source: str) -> Template:
    """Each template source compiled once per process (a campaign renders the same text for everyone)."""
    return _ENV.from_string(source)
