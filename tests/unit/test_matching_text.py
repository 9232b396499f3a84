"""Text analysis and the bilingual vocabulary of the matching engine."""

from pathlib import Path

import pytest

from bot.domain.matching import MatchablePost, Vocabulary, detect_lang, tokenize
from bot.domain.matching.analysis import PostAnalyzer
from bot.domain.matching.concepts import (
    CONCEPTS_PATH,
    ConceptDataError,
    default_concepts,
    load_concepts,
    parse_concepts,
)
from bot.domain.matching.stopwords import STOP_WORDS

VOCABULARY = Vocabulary(place_names=["Babia", "Ponferrada", "Hospital de Órbigo"])
ANALYZER = PostAnalyzer(VOCABULARY)


def stems_of(text: str) -> set[str]:
    return {stem for token in tokenize(text) for stem in token.stems}


def concepts(text: str, lang: str | None = None) -> set[str]:
    post = MatchablePost(id="x", kind="need", title=text, description="", lang=lang)
    return {t[2:] for t in ANALYZER.analyze(post).tf if t.startswith("c:")}


def test_plural_and_gender_forms_share_a_stem() -> None:
    assert stems_of("curso") & stems_of("cursos")
    assert stems_of("ecológico") & stems_of("ecologica")
    assert stems_of("Placa") & stems_of("placas")


def test_accents_and_case_do_not_matter() -> None:
    assert stems_of("ENERGÍA") == stems_of("energia")
    assert stems_of("Gestoría") == stems_of("gestoria")
    assert [t.form for t in tokenize("Señal ÑANDÚ")] == ["senal", "nandu"]


def test_stop_words_and_noise_are_dropped() -> None:
    forms = [t.form for t in tokenize("Buscamos una furgoneta para el mercado, tel. 987654321")]
    assert forms == ["furgoneta", "mercado", "tel"]
    assert [t.form for t in tokenize("We need a van for the market")] == ["van", "market"]


def test_content_words_that_look_like_stop_words_survive() -> None:
    for word in ("van", "red", "solo", "bajo"):
        assert word not in STOP_WORDS


def test_language_detection_on_short_posts() -> None:
    assert detect_lang("Busco furgoneta para la feria") == "es"
    assert detect_lang("Looking for a van for the fair") == "en"
    assert detect_lang("Catering") is None


def test_synonyms_and_translations_share_a_concept() -> None:
    groups = [
        ("web", ["página web", "sitio web", "website", "web page", "diseño web"]),
        ("accounting", ["accounting", "contabilidad", "gestoría", "bookkeeping", "nóminas"]),
        ("catering", ["catering", "comidas para eventos", "servicio de comidas"]),
        ("solar", ["solar panels", "placas solares", "fotovoltaica", "paneles solares"]),
        ("translation", ["translation", "traducción", "traductora", "interpreter"]),
        ("transport", ["furgoneta", "transporte", "delivery", "mudanza"]),
        ("elder_care", ["ayuda a domicilio", "personas mayores", "elderly care", "cuidadora"]),
    ]
    for concept, phrases in groups:
        for phrase in phrases:
            assert concept in concepts(phrase), phrase


def test_english_van_is_transport_but_spanish_van_is_a_verb() -> None:
    assert "transport" in concepts("We need a van", lang="en")
    assert "transport" in concepts("Van wanted", lang="en-GB")
    assert "transport" not in concepts("Los ordenadores van muy lentos", lang="es")


def test_look_alike_words_keep_their_meaning() -> None:
    assert "furniture" in concepts("bancos de madera para el parque")
    assert "finance" not in concepts("bancos de madera para el parque")
    assert "finance" in concepts("préstamo de banca ética")
    assert "river" in concepts("limpiar el curso del río")
    assert "training" not in concepts("limpiar el curso del río")
    assert "training" in concepts("curso de cocina")
    assert "packaging" in concepts("cajas de cartón")
    assert "finance" in concepts("cuenta en la caja rural")
    assert "packaging" not in concepts("cuenta en la caja rural")
    assert "it_support" in concepts("red wifi de la oficina")
    assert not concepts("red paint", lang="en") & {"it_support", "social_media"}


def test_stems_of_one_language_do_not_trigger_entries_of_the_other() -> None:
    # "babia" has the Spanish stem "babi", the English stem of "babies".
    assert "childcare" not in concepts("quesos de Babia")
    assert "solar" not in concepts("el sol de la tarde")


def test_broader_concepts_come_along_as_implied_terms() -> None:
    assert "solar" in concepts("placas solares")
    # Implied, not named: it counts in the score but is never a word of the post.
    assert "b:energy" in terms_of("placas solares") and "c:energy" not in terms_of("placas")
    assert "c:energy" in terms_of("energía y placas solares")
    assert "b:energy" not in terms_of("energía y placas solares")


def test_place_names_are_left_to_locality_but_ordinary_words_stay() -> None:
    post = MatchablePost(id="x", kind="need", title="Quesos de Babia en Ponferrada", description="")
    terms = ANALYZER.analyze(post).tf
    assert not {"babi", "babia", "ponferr", "ponferrada"} & set(terms)
    post = MatchablePost(id="y", kind="need", title="Llevar al hospital", description="")
    assert "hospital" in ANALYZER.analyze(post).tf


def test_sector_words_suggest_sectors() -> None:
    vocabulary = Vocabulary(sector_words={"agrifood": {"es": ["queso"], "en": ["cheese"]}})
    analyzer = PostAnalyzer(vocabulary)
    post = MatchablePost(id="x", kind="offer", title="Cheeses from Babia", description="")
    assert analyzer.analyze(post).sectors == {"agrifood"}


def terms_of(text: str) -> set[str]:
    post = MatchablePost(id="x", kind="need", title=text, description="")
    return set(ANALYZER.analyze(post).tf)


def test_a_concept_adds_to_the_stems_of_its_words_and_never_hides_them() -> None:
    # "asesoría contable" names the accounting concept; an offer that only says "contable"
    # must still share the stem with it.
    phrase = terms_of("asesoría contable")
    assert "c:accounting" in phrase
    assert phrase & stems_of("contable") == stems_of("contable")
    assert terms_of("página web") >= stems_of("página web")
    # ...at their full weight: a word inside a listed phrase counts as much as outside one.
    inside = ANALYZER.analyze(MatchablePost(id="a", kind="need", title="asesoría contable")).tf
    alone = ANALYZER.analyze(MatchablePost(id="b", kind="need", title="contable")).tf
    assert all(inside[stem] == alone[stem] for stem in stems_of("contable"))


@pytest.mark.parametrize(
    ("verb", "noun"),
    [
        ("asesorar", "asesoría"),
        ("traducir", "traducción"),
        ("traducir", "traductora"),
        ("reparar", "reparación"),
        ("diseñar", "diseñador"),
        ("contable", "contabilidad"),
        ("fotografiar", "fotógrafo"),
        ("limpiar", "limpieza"),
        ("producir", "productor"),
        ("translate", "translation"),
    ],
)
def test_a_verb_and_its_noun_meet(verb: str, noun: str) -> None:
    assert stems_of(verb) & stems_of(noun)


def test_unrelated_words_stay_apart_after_derivation() -> None:
    assert not stems_of("queso") & stems_of("quesería")
    assert not stems_of("gestor") & stems_of("carpintero")
    assert not stems_of("comida") & stems_of("comercio")


def test_the_concepts_are_data_with_spanish_and_english_side_by_side() -> None:
    specs = load_concepts(CONCEPTS_PATH)
    assert specs == default_concepts()
    assert len(specs) > 100
    assert all(spec.es and spec.en for spec in specs)
    by_id = {spec.id: spec for spec in specs}
    assert "traducción" in by_id["translation"].es and "translation" in by_id["translation"].en


def test_a_broken_concepts_file_names_the_concept_and_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "concepts.toml"
    path.write_text('[[concept]]\nid = "web"\nes = ["web"]\nbroader = ["nowhere"]\n', "utf-8")
    with pytest.raises(ConceptDataError, match="'web' has unknown broader nowhere"):
        load_concepts(path)
    path.write_text('[[concept]]\nid = "web"\nes = "web"\n', "utf-8")
    with pytest.raises(ConceptDataError, match="'web': es must be a list"):
        load_concepts(path)
    path.write_text("[[concept]\n", "utf-8")
    with pytest.raises(ConceptDataError, match=str(path)):
        load_concepts(path)


def test_a_vocabulary_takes_extra_concepts_from_data() -> None:
    extra = parse_concepts([{"id": "bees", "es": ["apicultura"], "en": ["beekeeping"]}], "x")
    analyzer = PostAnalyzer(Vocabulary(concepts=extra))
    post = MatchablePost(id="x", kind="need", title="Beekeeping course", description="")
    assert "c:bees" in analyzer.analyze(post).tf
