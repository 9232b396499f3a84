"""The matching index: threshold, boosts, locality, kinds and incremental updates."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.matching import DEFAULT_TUNING, Match, MatchablePost, MatchIndex, Vocabulary

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
COMARCAS = {"ponferrada": "bierzo", "cacabelos": "bierzo", "leon": "tierras_leon", "riano": "riano"}


VOCABULARY = Vocabulary()  # compiled once: building it is the slow part


def make_index() -> MatchIndex:
    return MatchIndex(VOCABULARY, COMARCAS.get, clock=lambda: NOW)


def post(pid: str, kind: str, title: str, description: str = "", **extra: object) -> MatchablePost:
    return MatchablePost.model_validate(
        {"id": pid, "kind": kind, "title": title, "description": description, **extra}
    )


# A small background so that idf means something, as in a real network.
BACKGROUND = [
    post("bg1", "offer", "Quesos de oveja", "Quesería artesana, vendemos a tiendas."),
    post("bg2", "offer", "Clases de yoga", "Grupos reducidos por las tardes."),
    post("bg3", "offer", "Reformas de tejados", "Cambiamos tejas y arreglamos goteras."),
    post("bg4", "need", "Busco miel ecológica", "Para la tienda del pueblo."),
    post("bg5", "offer", "Casa rural para grupos", "Seis habitaciones y sala común."),
    post("bg6", "offer", "Fisioterapia a domicilio", "Para personas mayores."),
]

WEB_NEED = post(
    "n1", "need", "Necesitamos una página web", "Queremos un sitio web con tienda online."
)
WEB_OFFER = post(
    "o1", "offer", "Diseño web", "Hacemos páginas web y tiendas online para cooperativas."
)


def ids(matches: list[Match]) -> list[str]:
    return [m.id for m in matches]


def test_a_fitting_offer_is_proposed_with_its_reasons() -> None:
    index = make_index()
    index.add_many([*BACKGROUND, WEB_NEED, WEB_OFFER])
    match = index.top(WEB_NEED)[0]
    assert match.id == "o1"
    assert match.covers and match.strong and match.alert
    assert "página web" in match.shared_terms


def test_each_post_words_the_shared_terms_its_own_way() -> None:
    index = make_index()
    need = post("n2", "need", "Website for our hostel", "We need a web page with bookings.")
    index.add_many([*BACKGROUND, need, WEB_OFFER])
    match = index.top(need)[0]
    assert match.id == "o1" and match.shared_terms[0] in ("website", "web page")
    in_offer = index.own_words(WEB_OFFER, match.shared_keys, "es")
    in_need = index.own_words(need, match.shared_keys, "en")
    assert in_offer[0] in ("diseño web", "páginas web") and "website" not in in_offer
    assert in_need[0] in ("website", "web page") and "diseño web" not in in_need
    # A concept the post only implies (an online shop is a kind of website) is not its word.
    shop = post("o9", "offer", "Tienda online de quesos")
    assert index.own_words(shop, ["c:ecommerce", "c:web", "b:web"], "es") == ["tienda online"]
    assert index.own_words(need, ["c:ecommerce"], "es") == []  # worded nowhere in the need
    # Words already shown are not repeated on their own.
    assert index.own_words(WEB_OFFER, ["c:web", "web"], "es") == ["diseño web"]


def test_concept_labels() -> None:
    assert VOCABULARY.label("web", "es") == "página web"
    assert VOCABULARY.label("web", "en") == "website"
    assert VOCABULARY.label("web", "fr") is None and VOCABULARY.label("nope", "es") is None


def test_english_need_meets_spanish_offer() -> None:
    index = make_index()
    need = post("n2", "need", "Website for our hostel", "We need a web page with bookings.")
    index.add_many([*BACKGROUND, need, WEB_OFFER])
    assert ids(index.top(need))[0] == "o1"


def test_unrelated_posts_get_nothing() -> None:
    index = make_index()
    need = post("n3", "need", "Afinador de pianos", "Tenemos un piano viejo desafinado.")
    index.add_many([*BACKGROUND, need, WEB_OFFER])
    assert index.top(need, k=5) == []


def test_same_sector_and_place_alone_never_fit() -> None:
    index = make_index()
    need = post("n4", "need", "Dentista", "Consulta mensual.", sector="care_social")
    offer = post("o4", "offer", "Peluquería", "Cortes de pelo.", sector="care_social")
    for p in (need, offer):
        index.add(p.model_copy(update={"municipality": "riano", "created_at": NOW}))
    assert index.top(need) == []


def test_a_wrong_sector_does_not_hide_a_strong_text_match() -> None:
    index = make_index()
    need = post("n5", "need", "Placas solares para la nave", "Autoconsumo fotovoltaico.")
    need = need.model_copy(update={"sector": "transport"})  # the poster picked the wrong one
    right = post("o5", "offer", "Instalamos placas solares", "Fotovoltaica para naves y casas.")
    right = right.model_copy(update={"sector": "energy_environment"})
    weak = post("o6", "offer", "Transporte con furgoneta", "Portes por la provincia.")
    weak = weak.model_copy(update={"sector": "transport"})
    index.add_many([*BACKGROUND, need, right, weak])
    result = index.top(need, k=5)
    assert ids(result)[0] == "o5" and result[0].alert
    assert "o6" not in ids(result)


def test_same_sector_orders_otherwise_equal_offers() -> None:
    index = make_index()
    need = post("n6", "need", "Traducción de la web", "Al inglés.", sector="professional")
    same = post("o7", "offer", "Traducción de webs", "Inglés y francés.", sector="professional")
    other = post("o8", "offer", "Traducción de webs", "Inglés y francés.", sector="culture")
    index.add_many([*BACKGROUND, need, other, same])
    assert ids(index.top(need)) == ["o7", "o8"]


def test_locality_orders_municipality_comarca_province_then_anywhere() -> None:
    index = make_index()
    need = post(
        "n7", "need", "Furgoneta para mudanza", "Portes un sábado.", municipality="ponferrada"
    )
    places = {"o-here": "ponferrada", "o-comarca": "cacabelos", "o-province": "leon"}
    offers = [
        post(pid, "offer", "Mudanzas con furgoneta", "Portes y transporte.", municipality=place)
        for pid, place in places.items()
    ]
    offers.append(post("o-anywhere", "offer", "Mudanzas con furgoneta", "Portes y transporte."))
    index.add_many([*BACKGROUND, need, *reversed(offers)])
    result = index.top(need, k=4)
    assert ids(result) == ["o-here", "o-comarca", "o-province", "o-anywhere"]
    assert result[0].same_municipality and result[0].same_comarca
    assert not result[1].same_municipality and result[1].same_comarca
    assert not result[2].same_comarca


def test_fresher_offers_rank_first_among_equals() -> None:
    index = make_index()
    need = post("n8", "need", "Clases de inglés", "Para el equipo del albergue.")
    old = post(
        "o-old", "offer", "Clases de inglés", "Conversación.", created_at=NOW - timedelta(days=300)
    )
    new = post(
        "o-new", "offer", "Clases de inglés", "Conversación.", created_at=NOW - timedelta(days=3)
    )
    index.add_many([*BACKGROUND, need, old, new])
    assert ids(index.top(need))[:2] == ["o-new", "o-old"]


def test_only_the_other_kind_is_proposed_and_never_the_post_itself() -> None:
    index = make_index()
    twin = post("n9", "need", "Necesitamos una página web", "Queremos un sitio web con tienda.")
    index.add_many([*BACKGROUND, WEB_NEED, twin, WEB_OFFER])
    assert ids(index.top(WEB_NEED, k=5))[0] == "o1"
    assert all(pid.startswith(("o", "bg")) and pid != "bg4" for pid in ids(index.top(WEB_NEED)))
    assert ids(index.top(WEB_OFFER, k=5))[:2] == ["n1", "n9"]
    assert "o1" not in ids(index.top(WEB_OFFER, k=5))


def test_k_limits_the_proposals() -> None:
    index = make_index()
    offers = [
        post(f"o{i}", "offer", "Diseño web", f"Páginas web y tiendas online, estudio {i}.")
        for i in range(5)
    ]
    index.add_many([*BACKGROUND, WEB_NEED, *offers])
    assert len(index.top(WEB_NEED, k=2)) == 2
    assert sum(pid.startswith("o") for pid in ids(index.top(WEB_NEED, k=10))) == 5
    assert index.top(WEB_NEED, k=0) == []


def test_incremental_add_remove_and_update() -> None:
    index = make_index()
    for p in BACKGROUND:
        index.add(p)
    index.add(WEB_NEED)
    assert "o1" not in ids(index.top(WEB_NEED))
    index.add(WEB_OFFER)
    assert ids(index.top(WEB_NEED))[0] == "o1"
    assert "o1" in index and len(index) == len(BACKGROUND) + 2
    index.update(WEB_OFFER.model_copy(update={"title": "Clases de yoga", "description": "Yoga."}))
    assert "o1" not in ids(index.top(WEB_NEED))
    assert index.remove("o1") is True
    assert index.remove("o1") is False
    assert "o1" not in index
    index.add(WEB_OFFER)
    assert ids(index.top(WEB_NEED))[0] == "o1"


def test_results_do_not_depend_on_insertion_order() -> None:
    posts = [*BACKGROUND, WEB_NEED, WEB_OFFER]
    one, other = make_index(), make_index()
    one.add_many(posts)
    for p in reversed(posts):
        other.add(p)
    assert one.top(WEB_NEED) == other.top(WEB_NEED)


def test_a_query_post_need_not_be_indexed() -> None:
    index = make_index()
    index.add_many([*BACKGROUND, WEB_OFFER])
    assert ids(index.top(WEB_NEED))[0] == "o1"


@pytest.mark.parametrize("k", [1, 3])
def test_scores_are_sorted(k: int) -> None:
    index = make_index()
    offers = [post(f"o{i}", "offer", "Diseño web" + " y logos" * i, "Webs.") for i in range(4)]
    index.add_many([*BACKGROUND, WEB_NEED, *offers])
    scores = [m.score for m in index.top(WEB_NEED, k=k)]
    assert scores == sorted(scores, reverse=True) and len(scores) == k


def test_candidates_score_like_a_full_scan() -> None:
    index = make_index()
    offers = [
        post(f"o{i}", "offer", title, "Productos locales de calidad para el pueblo.")
        for i, title in enumerate(
            ["Quesos", "Miel", "Vino", "Pan", "Embutidos", "Diseño web", "Fruta", "Legumbres"]
        )
    ]
    need = post("n", "need", "Queso y miel", "Para la tienda de alimentación del pueblo.")
    index.add_many([*BACKGROUND, *offers, need])
    query = index._query(index._analyzer.analyze(need), 0)
    found = index._text_scores(query, 1)
    full: dict[int, float] = {}
    admitted: set[int] = set()
    for tid, q, admits, _ in query.terms:
        entry = index._postings[1].get(tid)
        for number, value in zip(entry.docs, entry.weights, strict=True) if entry else ():
            full[number] = full.get(number, 0.0) + q * value
            if admits:
                admitted.add(number)
    # Every doc that shares a specific term comes out with its exact score; no other does.
    assert admitted and set(found) == admitted
    assert {n: full[n] for n in admitted} == pytest.approx(found)
    assert len(found) < len(full)  # docs sharing only generic or implied terms are left out


def test_second_and_third_fits_behind_a_confident_first_are_pushed() -> None:
    index = make_index()
    first = post("o1", "offer", "Diseño de páginas web", "Páginas web y tiendas online.")
    second = post("o2", "offer", "Web", "También hacemos logos, carteles, folletos y vídeos.")
    third = post(
        "o3",
        "offer",
        "Estudio de diseño gráfico",
        "Logos, cartelería, folletos, etiquetas, vídeos, fotos de producto y alguna web.",
    )
    index.add_many([*BACKGROUND, WEB_NEED, first, second, third])
    result = index.top(WEB_NEED, k=5)
    assert ids(result)[:3] == ["o1", "o2", "o3"]
    assert result[2].score < index.tuning.alert_score  # weak on its own ...
    assert [m.alert for m in result[:3]] == [True, True, True]  # ... yet not cut


def test_the_decision_is_taken_once_from_the_best_candidate() -> None:
    tuning = replace(DEFAULT_TUNING, alert_score=0.5)
    index = MatchIndex(VOCABULARY, COMARCAS.get, clock=lambda: NOW, tuning=tuning)
    # Only a passing mention of a website in a long post about something else.
    vague = post(
        "o1",
        "offer",
        "Quesos de oveja curados",
        "Hacemos quesos de oveja y de cabra, curados en cueva, y los vendemos en ferias, "
        "mercados y tiendas de la comarca. Tenemos una web.",
    )
    index.add_many([*BACKGROUND, WEB_NEED, vague])
    [match] = [m for m in index.top(WEB_NEED, k=5) if m.id == "o1"]
    assert match.covers
    assert match.score < 0.5
    assert not match.strong and not match.alert  # listed as possible, never pushed
    # The same list from a post whose best candidate is confident alerts.
    sure = replace(DEFAULT_TUNING, alert_score=match.score - 0.01)
    index = MatchIndex(VOCABULARY, COMARCAS.get, clock=lambda: NOW, tuning=sure)
    index.add_many([*BACKGROUND, WEB_NEED, vague])
    assert [m.alert for m in index.top(WEB_NEED, k=5) if m.id == "o1"] == [True]


@pytest.mark.parametrize(
    "offer",
    [
        # shared generic words only
        post("o1", "offer", "Servicios para cooperativas", "Ayuda y apoyo a proyectos rurales."),
        # a broader concept only: solar panels are energy, so is firewood
        post("o2", "offer", "Leña y biomasa", "Estufas de leña y pellets para casas."),
    ],
)
def test_a_strong_match_needs_the_needs_own_subject(offer: MatchablePost) -> None:
    index = make_index()
    need = post(
        "n1",
        "need",
        "Placas solares para la nave",
        "Queremos autoconsumo para la cooperativa y ayuda con el proyecto.",
        sector="energy_environment",
        municipality="ponferrada",
    )
    located = offer.model_copy(
        update={"sector": "energy_environment", "municipality": "ponferrada", "created_at": NOW}
    )
    index.add_many([*BACKGROUND, need, located])
    assert not any(m.strong for m in index.top(need, k=5))
    right = post("o9", "offer", "Instalación de placas solares", "Fotovoltaica para naves.")
    index.add(right)
    assert ids(index.top(need, k=5))[0] == "o9" and index.top(need)[0].alert


def test_place_and_sector_alone_bring_nothing_in() -> None:
    index = MatchIndex(Vocabulary(place_names=["Ponferrada"]), COMARCAS.get, clock=lambda: NOW)
    need = post("n1", "need", "Dentista en Ponferrada", "", sector="care_social")
    offer = post("o1", "offer", "Peluquería en Ponferrada", "", sector="care_social")
    for p in (need, offer):
        index.add(p.model_copy(update={"municipality": "ponferrada"}))
    assert index.top(need) == []


def test_the_why_names_only_words_both_posts_have() -> None:
    index = make_index()
    need = post("n1", "need", "Website for our hostel", "We need a web page with online bookings.")
    shop = post("o1", "offer", "Tienda online de quesos", "Vendemos por internet con envíos.")
    index.add_many([*BACKGROUND, need, shop])
    [match] = [m for m in index.top(need, k=5) if m.id == "o1"]
    for words, source in (
        (match.shared_terms, need),
        (index.own_words(need, match.shared_keys, "en"), need),
        (index.own_words(shop, match.shared_keys, "es"), shop),
    ):
        text = f"{source.title} {source.description}".casefold()
        assert words and all(word.casefold() in text for word in words)


def test_a_long_wordy_post_keeps_its_fit() -> None:
    index = make_index()
    short = post("o1", "offer", "Contabilidad", "Para cooperativas.")
    long = post(
        "o2",
        "offer",
        "Llevamos la contabilidad de asociaciones y cooperativas",
        "Somos una gestoría pequeña de la comarca. Llevamos la contabilidad, los impuestos "
        "trimestrales, las nóminas y las cuentas anuales, y ayudamos con las subvenciones y "
        "la justificación de proyectos. Trabajamos en persona y por correo, con precios "
        "ajustados para entidades pequeñas, y tenemos experiencia con cooperativas agrarias.",
    )
    need = post("n1", "need", "Necesitamos ayuda con la contabilidad", "Somos una asociación.")
    index.add_many([*BACKGROUND, need, short, long])
    result = index.top(need, k=5)
    assert {"o1", "o2"} <= {m.id for m in result if m.alert}
