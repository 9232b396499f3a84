"""Helpers for the matching flow tests: two members whose posts fit, labels, the database."""

from dataclasses import dataclass

from bot.domain.matches import MatchPair
from bot.domain.posts import Place, PlaceKind, PostDraft, PostKind, PostStatus
from bot.storage.matches import MatchCounts
from tests.fakes import FakeTelegram, FakeUser
from tests.flows import posts_world
from tests.flows.posts_world import member, post_need, post_offer
from tests.harness import BotHarness

NEED_TITLE = "Necesitamos una página web"
NEED_TEXT = "Queremos una web con tienda online para vender nuestro queso."
OFFER_TITLE = "Diseño web y tiendas online"
OFFER_TEXT = "Hacemos páginas web con tienda online para cooperativas."


@dataclass(frozen=True)
class Labels:
    """Matching button labels and reply fragments of one language."""

    posts: posts_world.Labels
    interested: str
    not_relevant: str
    worked_yes: str
    worked_no: str
    not_yet: str
    proposal: str  # "may be able to help"
    noted: str
    introduced: str
    intro: str
    declined: str
    not_wanted: str
    followup: str
    ask_again: str
    pause: str
    resume: str
    write: str


ES = Labels(
    posts=posts_world.ES,
    interested="Me interesa",
    not_relevant="No es relevante",
    worked_yes="Sí",
    worked_no="No",
    not_yet="Todavía no",
    proposal="podría ayudar",
    noted="Anotado",
    introduced="A los dos os interesa",
    intro="Os presento",
    declined="no volveré a proponer",
    not_wanted="la otra parte no busca esto",
    followup="¿Habéis colaborado?",
    ask_again="Te pregunto otra vez",
    pause="⏸ Pausar avisos de coincidencias",
    resume="▶️ Reanudar avisos de coincidencias",
    write="✉️ Escribir a través del bot",
)
EN = Labels(
    posts=posts_world.EN,
    interested="I'm interested",
    not_relevant="Not relevant",
    worked_yes="Yes",
    worked_no="No",
    not_yet="Not yet",
    proposal="may be able to help",
    noted="Noted",
    introduced="You are both interested",
    intro="Let me introduce you",
    declined="I will not propose this match again",
    not_wanted="the other member is not looking for this",
    followup="Did you work together?",
    ask_again="Asking once more",
    pause="⏸ Pause match alerts",
    resume="▶️ Resume match alerts",
    write="✉️ Write through the bot",
)
LABELS = {"es": ES, "en": EN}


async def pair_of_members(
    bot: BotHarness,
    fake: FakeTelegram,
    *,
    need_lang: str = "es",
    offer_lang: str = "en",
    need_listed: bool = True,
    offer_email: str | None = "web@pixel.example",
    offer_phone: str | None = "600 111 222",
    offer_username: str = "pixel_ana",
) -> tuple[FakeUser, FakeUser]:
    """Quesería (need side) and Píxel Coop (offer side), approved members in León."""
    cheese = fake.user("queseria", language_code=need_lang)
    pixel = fake.user(offer_username, language_code=offer_lang)
    await member(bot, cheese, "Quesería La Vega", listed=need_listed, email="queso@vega.example")
    await member(bot, pixel, "Píxel Coop", email=offer_email, phone=offer_phone)
    return cheese, pixel


async def publish_pair(cheese: FakeUser, pixel: FakeUser) -> None:
    """The offer first, then the need (whose publication finds the offer), through /post."""
    await post_offer(pixel, LABELS[pixel.language_code or "es"].posts, OFFER_TITLE, OFFER_TEXT)
    await post_need(cheese, LABELS[cheese.language_code or "es"].posts, NEED_TITLE, NEED_TEXT)


async def store_post(
    bot: BotHarness, user: FakeUser, kind: PostKind, title: str, description: str
) -> int:
    """Store an already published post straight through the repository (no proposals)."""
    async with bot.store.write() as repos:
        found = await repos.members.member_with_entity(user.id)
        assert found is not None
        draft = PostDraft(
            kind=kind,
            sector="education",
            title=title,
            description=description,
            place=Place(kind=PlaceKind.MUNICIPALITY, key="leon", comarca="tierras_leon"),
        )
        post = await repos.posts.create(
            draft,
            author_id=user.id,
            entity_id=found[1].id,
            status=PostStatus.ACTIVE,
            now=bot.clock(),
        )
    return post.id


async def pairs(bot: BotHarness) -> list[MatchPair]:
    """Every pair, newest first."""
    async with bot.store.read() as repos:
        return await repos.matches.recent_pairs(limit=100)


async def counts(bot: BotHarness) -> MatchCounts:
    async with bot.store.read() as repos:
        return await repos.matches.counts()


def proposals(user: FakeUser) -> list[str]:
    """Texts of the proposals the user received, oldest first."""
    return [
        text
        for text in user.texts()
        if text.startswith(("🤝 Posible coincidencia", "🤝 Possible match"))
    ]
