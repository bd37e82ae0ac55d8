"""Registry of event classes by type name and major version, discovered from ``contracts.events``."""

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

from contracts import events
from contracts.event import EventModel, EventType, InvalidEventType
from contracts.rejections import UnknownEventType, UnknownMajorVersion
from contracts.rights import (
    _EXTRA_PRINCIPALS,
    _EXTRA_RIGHTS,
    TopicRights,
    _city_system,
    _service,
    trusted_sources,
)
from contracts.topics import _REGISTERED, Topic, all_topic_specs

RegistryKey = tuple[str, int]
"""(type name without the version suffix, major version)."""
_EXTRA: list[type[EventModel]] = []


def _event_classes() -> list[type[EventModel]]:
    found: list[type[EventModel]] = []
    for module_info in pkgutil.walk_packages(events.__path__, prefix=f"{events.__name__}."):
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            own = value.__module__ == module.__name__ and "ce_type" in vars(value)  # not a shared base
            if issubclass(value, EventModel) and own:
                found.append(value)
    return found


def _checked_key(cls: type[EventModel]) -> RegistryKey:
    """The registry key of an event class, after checking it declares what the platform needs."""
    event_type = cls.event_type()
    spec = next((t for t in all_topic_specs() if t.name == cls.topic and not t.is_dead_letter), None)
    if spec is None or cls.ce_type not in spec.event_types:
        raise TypeError(f"{cls.__name__}: topic {cls.topic!r} is not declared or does not list {cls.ce_type}")
    if cls.topic.split(".")[0] != event_type.producer:
        raise TypeError(f"{cls.__name__}: topic {cls.topic!r} does not belong to {event_type.producer}")
    if cls.aggregate_field not in cls.model_fields:
        raise TypeError(f"{cls.__name__}: aggregate_field {cls.aggregate_field!r} is not a field")
    return event_type.name, event_type.major


@cache
def _registry() -> dict[RegistryKey, type[EventModel]]:
    registry: dict[RegistryKey, type[EventModel]] = {}
    for cls in sorted([*_event_classes(), *_EXTRA], key=lambda c: c.ce_type):
        key = _checked_key(cls)
        if key in registry:
            raise TypeError(f"{cls.ce_type} is defined twice: {registry[key].__name__} and {cls.__name__}")
        registry[key] = cls
    return registry


@contextmanager
def registered(
    topic: Topic, *classes: type[EventModel], city_writers: tuple[str, ...] = ()
) -> Iterator[None]:
    """Declare `topic` and its event classes for the duration of the block, checked like the discovered ones.

    For tests of the shared library, which use events of their own rather than a team's contract; nothing
    registered here reaches the generated catalogue outside the block. The classes' producer (and any
    `city_writers`) are declared as the topic's writers, so their sources are trusted there.
    """
    producer = EventType.parse(classes[0].ce_type).producer if classes else "test"
    principals = [
        _service(producer, "test producer"),
        *(_city_system(w, "test city system") for w in city_writers),
    ]
    rights = TopicRights(topic.name, producer, (), city_writers)
    _REGISTERED.append(topic)
    _EXTRA.extend(classes)
    _EXTRA_PRINCIPALS.extend(principals)
    _EXTRA_RIGHTS.append(rights)
    _forget_cached_lookups()
    try:
        _registry()  # refuse a malformed test event at once
        yield
    finally:
        _REGISTERED.remove(topic)
        for cls in classes:
            _EXTRA.remove(cls)
        for p in principals:
            _EXTRA_PRINCIPALS.remove(p)
        _EXTRA_RIGHTS.remove(rights)
        _forget_cached_lookups()


def _forget_cached_lookups() -> None:
    """Clear every cache derived from the registered events, rights and principals."""
    from contracts.decoding import forget_admissions  # the decoder imports this module

    _registry.cache_clear()
    _known_type.cache_clear()
    trusted_sources.cache_clear()
    forget_admissions()


def resolve(ce_type: str) -> type[EventModel]:
    """The event class for a full event type; raises UnknownEventType or UnknownMajorVersion."""
    cls = _known_type(ce_type)
    if cls is not None:
        return cls
    try:
        event_type = EventType.parse(ce_type)
    except InvalidEventType as exc:
        raise UnknownEventType(exc.reason) from exc
    registry = _registry()
    cls = registry.get((event_type.name, event_type.major))
    if cls is not None:
        return cls
    known = sorted(major for name, major in registry if name == event_type.name)
    if not known:
        raise UnknownEventType(f"event type {event_type.name} is not in the registry")
    majors = ", ".join(f"v{major}" for major in known)
    raise UnknownMajorVersion(
        f"event type {event_type.name} has no major v{event_type.major} (known: {majors})"
    )


# Asked for every consumed event; building the type's name on each call cost ~8 % of a projection's
# consume loop. A bounded LRU: a sender choosing types cannot grow it.
@lru_cache(maxsize=1024)
def _known_type(ce_type: str) -> type[EventModel] | None:
    try:
        event_type = EventType.parse(ce_type)
    except InvalidEventType:
        return None
    return _registry().get((event_type.name, event_type.major))


def all_events() -> list[type[EventModel]]:
    """Every registered event class, ordered by ``ce_type``."""
    return sorted(_registry().values(), key=lambda cls: cls.ce_type)
