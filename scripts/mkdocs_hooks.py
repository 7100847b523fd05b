"""mkdocs hooks: the API reference's model section, written from `rememberizer.types.__all__`.

griffe reads source, and `rememberizer.types` re-exports the generated models at run time
(they change with the spec), so the list of models is taken from the module itself: a model the
spec adds is documented without editing docs/reference.md.
"""

from __future__ import annotations

from typing import Any

MARKER = "<!-- rememberizer.types members -->"


def _block(name: str) -> str:
    from rememberizer_api import types

    import rememberizer.types

    # A class documents itself (its docstring lists the fields); a value list (IntegrationType,
    # ...) and UNSET have no docstring of their own, and would be left out without this.
    bare = not isinstance(getattr(rememberizer.types, name), type)
    package = "rememberizer_api.types" if hasattr(types, name) else "rememberizer_api.models"
    return (
        f"::: {package}.{name}\n"
        "    options:\n"
        f'      heading: "rememberizer.types.{name}"\n'
        f'      toc_label: "{name}"\n'
        "      heading_level: 3\n"
        "      show_root_heading: true\n"
        f"      show_if_no_docstring: {str(bare).lower()}\n"
    )


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the marker with one mkdocstrings block per name of `rememberizer.types`."""
    if MARKER not in markdown:
        return markdown
    import rememberizer.types

    names = sorted(rememberizer.types.__all__)
    return markdown.replace(MARKER, "\n".join(_block(name) for name in names))
