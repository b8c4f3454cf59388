"""Renderers for one output format, found by the name of the result's class.

Registering by name rather than by class keeps `kbtool --help` and
`kbtool search` from importing every result type's module (Whoosh, the
validator's process pool...) before they need it; a test checks that every
registered name is a real class.
"""
from __future__ import annotations

from typing import Any, Callable

Render = Callable[[Any, Any], Any]


def qualified_name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


class Renderers:
    def __init__(self, output_format: str, fallback: Render) -> None:
        self.output_format = output_format
        self.fallback = fallback
        self.by_name: dict[str, Render] = {}

    def register(self, name: str) -> Callable[[Render], Render]:
        """Decorator: `@render.register("kbtool.search.results.SearchResults")`."""

        def decorate(function: Render) -> Render:
            self.by_name[name] = function
            return function

        return decorate

    def __call__(self, result: Any, style: Any) -> Any:
        for kind in type(result).__mro__:
            function = self.by_name.get(qualified_name(kind))
            if function is not None:
                return function(result, style)
        return self.fallback(result, style)
