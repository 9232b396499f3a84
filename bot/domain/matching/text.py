"""Text analysis for matching: folding, tokens, stop words and bilingual stems."""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from bot.domain.matching.stopwords import EN_MARKERS, ES_MARKERS, STOP_WORDS
from bot.domain.text import fold

__all__ = ["Token", "detect_lang", "fold", "stem_pair", "stems", "tokenize", "word_keys"]

# Letters and digits of any script; "_" is a word character for `re` but not for people.
_WORD = re.compile(r"[^\W_]+")
_ES_STEMMER = snowballstemmer.stemmer("spanish")
_EN_STEMMER = snowballstemmer.stemmer("english")


# Spanish derivational endings that Snowball leaves on, so that a verb and its noun (or the
# person who does it) keep apart: "traducir" -> "traduc" but "traducción" -> "traduccion",
# "asesorar" -> "asesor" but "asesoría" -> "asesori". Each ending of a Spanish stem is
# replaced by what the verb's stem ends with; longest first. English Snowball already meets
# "translate" / "translation" / "translator" ("translat").
_ES_DERIVATIONS = (
    ("ccion", "c"),  # traducción, producción -> traduc, produc
    ("cion", ""),  # formación, reparación -> form, repar (the -a/-i- is stemmed below)
    ("ctor", "c"),  # traductor, productor -> traduc, produc
    ("ador", ""),  # diseñador, formador -> disen, form
    ("edor", ""),  # vendedor -> vend
    ("idor", ""),  # distribuidor -> distribu
    ("miento", ""),  # asesoramiento, mantenimiento (when Snowball leaves it)
    ("ista", ""),  # transportista, florista
    ("eria", ""),  # carpintería -> carpint (as carpintero -> carpinter below)
    ("ero", ""),  # carpintero, panadero
    ("era", ""),
    ("ez", ""),  # limpieza -> limpi
    ("bil", "bl"),  # contabilidad -> contabl, as contable
)
# A derived root shorter than this would conflate unrelated words.
_MIN_ROOT = 4


def _derive_es(stem: str) -> str:
    """Bring a Spanish stem to the root its verb or noun shares (see _ES_DERIVATIONS)."""
    for ending, replacement in _ES_DERIVATIONS:
        if stem.endswith(ending):
            root = stem[: len(stem) - len(ending)] + replacement
            if len(root) >= _MIN_ROOT:
                stem = root
            break
    # The -ía / -ía(r) nouns and verbs: "asesori" (asesoría), "fotografi" -> "asesor", "fotograf".
    if stem.endswith(("i", "a")) and len(stem) > _MIN_ROOT:
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=65536)
def stem_pair(form: str) -> tuple[str, str]:
    """Spanish (brought to its derivational root) and English Snowball stems, cached."""
    return _derive_es(_ES_STEMMER.stemWord(form)), _EN_STEMMER.stemWord(form)


def stems(form: str) -> tuple[str, ...]:
    """Return the distinct Spanish and English Snowball stems of a folded word."""
    # Why both, always: posts are a line or two, often mix languages ("busco van para la
    # feria"), and a language detector guesses wrong on them. Indexing both stems of every
    # word is language-agnostic: a word yields the same terms whoever writes it, so a Spanish
    # need meets a Spanish offer through the Spanish stem and cognates meet across languages
    # ("cooperativa" / "cooperative" share "cooper"). The analyser splits a word's weight
    # between its stems, so a word whose stems differ does not count twice.
    es, en = stem_pair(form)
    return (es,) if es == en else (es, en)


@dataclass(frozen=True, slots=True)
class Token:
    """One content word: as written (lower case), folded, its stems, and all of those as keys."""

    surface: str
    form: str
    stems: tuple[str, ...]
    # What a vocabulary entry may match this word by (see `word_keys`).
    keys: frozenset[str]


@lru_cache(maxsize=65536)
def word_keys(form: str) -> frozenset[str]:
    """Keys a vocabulary entry may match a folded word by: "es:"/"en:" stem, or "=" form."""
    # Stems carry their language so that a Spanish word only meets an English entry through
    # its English stem: "Babia" (es stem "babi") must not match "babies" (en stem "babi").
    es, en = stem_pair(form)
    return frozenset((f"es:{es}", f"en:{en}", f"={form}"))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """Fold one word, cached: posts reuse a small vocabulary."""
    return fold(word)


def _keep(form: str) -> bool:
    """Say whether a folded word carries meaning: no stop words, stray letters or long numbers."""
    if form in STOP_WORDS:
        return False
    if form.isdigit():
        # Years, prices and phone numbers are noise; "km 0" or "3" people stay.
        return len(form) <= 2
    return len(form) > 1


def tokenize(text: str) -> list[Token]:
    """Split text into content tokens, dropping stop words."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text.casefold()):
        surface = match.group()
        # Folding (case, accents, ñ -> n) happens before stemming so that "energía" and
        # "energia" typed without accent get the same stem.
        form = _fold_word(surface)
        if _keep(form):
            tokens.append(Token(surface, form, stems(form), word_keys(form)))
    return tokens


def detect_lang(text: str) -> str | None:
    """Guess "es" or "en" from function words and Spanish letters; None when unsure."""
    words = [_fold_word(w) for w in _WORD.findall(text.casefold())]
    es = sum(w in ES_MARKERS for w in words)
    en = sum(w in EN_MARKERS for w in words)
    if any(ch in "ñáéíóú¿¡" for ch in text.casefold()):
        es += 1
    if es > en:
        return "es"
    if en > es:
        return "en"
    return None
