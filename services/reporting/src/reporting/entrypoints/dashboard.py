"""HTTP: the dashboard page, a static shell (Vietnamese by default) whose script reads the indicator API.

The page itself holds no figures and needs no login; its script asks the API with the viewer's own token
(given in the address fragment `#token=...`, which browsers never send to a server, or pasted into the
form) and keeps it in the tab's session storage only. So the API's roles and scopes decide what each viewer
sees, exactly as for any other client.
"""

from dataclasses import asdict, dataclass
from importlib.resources import files
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from reporting.domain.indicator_catalogue import ENROLMENTS, PARTICIPATION, IndicatorDefinition
from reporting.entrypoints.dashboard_labels import LABELS, Lang

router = APIRouter(tags=["dashboard"])
_PAGES = Environment(loader=PackageLoader("reporting"), autoescape=select_autoescape(default=True))
_SCRIPT = files("reporting").joinpath("templates/dashboard.js").read_text(encoding="utf-8")
# No inline script and no other origin: a figure's text can never run as code, the token goes nowhere else.
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; connect-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


@dataclass(frozen=True)
class Panel:
    """One table of the page: an indicator's breakdown, its key columns, figures and the one drawn as bars."""

    indicator: str
    title: str
    url: str
    keys: tuple[str, ...]
    values: tuple[str, ...]
    bar: str
    denominators: bool = False


def _panel(
    d: IndicatorDefinition, lang: Lang, by: str, keys: tuple[str, ...], values: tuple[str, ...]
) -> Panel:
    split = f"by_{by}_age" if "age_group" in keys else f"by_{by}"
    title = f"{d.title_vi if lang == 'vi' else d.title_en}: {LABELS[lang][split]}"
    # relative to the page: right at the service's root and behind the one origin's /api/reporting/ prefix
    url = f"{d.api_path.lstrip('/')}?by={by}"
    return Panel(d.id, title, url, keys, values, values[0], d is PARTICIPATION)


def panels(lang: Lang) -> list[Panel]:
    """The page's tables, in order: by locality first (district officers see only those)."""
    participation = ("participants", "population", "rate")
    enrolments = ("enrolments", "completions", "completion_rate")
    return [
        _panel(PARTICIPATION, lang, "locality", ("locality_code",), participation),
        _panel(ENROLMENTS, lang, "locality", ("group",), enrolments),
        _panel(PARTICIPATION, lang, "sex", ("age_group", "sex"), participation),
        _panel(ENROLMENTS, lang, "sex", ("group",), enrolments),
        _panel(ENROLMENTS, lang, "support_category", ("group",), (*enrolments, "benefits_granted")),
    ]


@router.get("/dashboard", response_class=HTMLResponse, summary="Dashboard page (Vietnamese; ?lang=en)")
async def dashboard_page(
    lang: Annotated[
        Literal["vi", "en"], Query(description="Language of the page: vi (default) or en")
    ] = "vi",
) -> HTMLResponse:
    """The page shell: no figures in it; its script fetches them with the viewer's token."""
    config = {"lang": lang, "labels": LABELS[lang], "panels": [asdict(p) for p in panels(lang)]}
    page = _PAGES.get_template("dashboard.html").render(
        lang=lang,
        labels=LABELS[lang],
        config=config,  # `tojson` escapes it for a script element
    )
    return HTMLResponse(page, headers=_HEADERS)


@router.get("/dashboard/dashboard.js", summary="The dashboard's script", response_class=Response)
async def dashboard_script() -> Response:
    """The page's only script (served here: the machine and the page use no CDN)."""
    return Response(_SCRIPT, media_type="text/javascript", headers=_HEADERS)
