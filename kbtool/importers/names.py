"""The import profiles' names, on their own so that the command line can offer them without loading the importers."""
from __future__ import annotations

PROFILE_NAMES = ("docfx", "mkdocs", "generic")
CHOICES = ("auto", *PROFILE_NAMES)
