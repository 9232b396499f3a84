"""Small text helpers shared by the domain: accent- and case-insensitive comparison."""

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower-case, strip accents (ñ becomes n) and collapse whitespace, for comparing."""
    # casefold first: some lower-case forms (e.g. "İ" -> "i̇") add combining marks that the
    # NFKD pass must then see and drop.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())
