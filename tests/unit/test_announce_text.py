"""What the board reads while an announcement goes out: counts agree, Spanish contracts."""

import re
from datetime import UTC, datetime

import pytest

from bot.domain.announcements import (
    Announcement,
    AnnouncementStatus,
    Audience,
    AudienceKind,
    Progress,
)
from bot.domain.network import Network, load_network
from bot.domain.outbox import OutboxStatus
from bot.i18n import Catalogs
from bot.views.announcements import progress_text

# "a el sector", "de el municipio": Spanish writes "al", "del" (names such as "El Bierzo",
# capitalised, are left as they are written).
MISSING_CONTRACTION = re.compile(r"\b(?:a|de) el\b")


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs.load(default_locale="es")


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network(None)


def every_audience(network: Network) -> list[Audience]:
    return [
        Audience(),
        *(Audience(kind=AudienceKind.SECTOR, key=sector.key) for sector in network.sectors),
        *(Audience(kind=AudienceKind.KIND, key=kind.key) for kind in network.entity_kinds),
        *(Audience(kind=AudienceKind.COMARCA, key=comarca.key) for comarca in network.comarcas),
        *(
            Audience(kind=AudienceKind.MUNICIPALITY, key=place.key)
            for place in network.municipalities
        ),
    ]


def announcement(audience: Audience, status: AnnouncementStatus) -> Announcement:
    return Announcement(
        id=7,
        text_html="Hola",
        audience=audience,
        status=status,
        board_chat_id=-1,
        progress_message_id=1,
        created_by=1,
        created_by_name="Ana",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


RUNNING = Progress.of(3, {OutboxStatus.SENT: 1, OutboxStatus.FAILED: 1})
SETTLED = Progress.of(3, {OutboxStatus.SENT: 1, OutboxStatus.FAILED: 1, OutboxStatus.CANCELLED: 1})


@pytest.mark.parametrize(
    ("status", "progress"),
    [
        (AnnouncementStatus.RUNNING, RUNNING),
        (AnnouncementStatus.DONE, SETTLED),
        (AnnouncementStatus.CANCELLED, SETTLED),
    ],
)
def test_no_audience_leaves_a_spanish_contraction_undone(
    catalogs: Catalogs, network: Network, status: AnnouncementStatus, progress: Progress
) -> None:
    t = catalogs.translator("es")
    for audience in every_audience(network):
        text = progress_text(t, network, announcement(audience, status), progress)
        assert not MISSING_CONTRACTION.search(text), text


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es", "enviados 1/3, 1 fallido, 0 dudosos, 1 sin enviar."),
        ("en", "sent 1/3, 1 failed, 0 uncertain, 1 not sent."),
    ],
)
def test_each_count_of_the_final_line_has_its_own_form(
    catalogs: Catalogs, network: Network, locale: str, expected: str
) -> None:
    t = catalogs.translator(locale)
    text = progress_text(t, network, announcement(Audience(), AnnouncementStatus.DONE), SETTLED)
    assert text.endswith(expected), text


def test_no_spanish_template_leaves_a_contraction_undone(catalogs: Catalogs) -> None:
    for key in catalogs.keys("es"):
        entry = catalogs.entry("es", key)
        texts = (entry,) if isinstance(entry, str) else entry.forms if entry else ()
        for text in texts:
            assert not MISSING_CONTRACTION.search(text), f"{key}: {text}"
