"""QR codes of links, as PNG, made with segno (for posters of a summit)."""

import io

import segno

__all__ = ["qr_png"]


def qr_png(link: str) -> bytes:
    """A PNG QR code of link, large enough to print."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
