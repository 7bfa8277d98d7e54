"""An indicator's polarity: higher or lower is better (domain.md "Capaian").

Sources, in the order `measure` asks them: a column that states it (`polarity_from_text`: positif/negatif,
naik/turun, maximize/minimize), the user's configuration (`config_polarity`), the author's words beside the
indicator (`said_polarity`: "semakin kecil semakin baik"), a bound in the target ("Maks 10 hari"), the lexicon
over the indicator's name (`lexicon_polarity`: angka kematian, prevalensi, jumlah kasus ... lower is better,
unless an override such as "ditemukan" says otherwise); last the typed capaian (in `measure`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config

# Lower-is-better words in indicator names (domain.md "Negative"). Matched on lower-cased names.
NEGATIVE_LEXICON = (
    "angka kematian",
    "kematian ibu",
    "kematian bayi",
    "kematian balita",
    "kematian neonatal",
    "prevalensi",
    "angka kemiskinan",
    "penduduk miskin",
    "kemiskinan",
    "tingkat pengangguran",
    "pengangguran",
    "jumlah kasus",
    "angka kasus",
    "kasus baru",
    "kasus kematian",
    "kasus gizi",
    "kasus kekerasan",
    "kasus penyakit",
    "kasus kecelakaan",
    "kasus pelanggaran",
    "kasus korupsi",
    "kasus kriminal",
    "kasus narkoba",
    "kasus dbd",
    "kasus tb",
    "kasus hiv",
    "kasus malaria",
    "kasus stunting",
    "kasus positif",
    "jumlah kematian",
    "angka kesakitan",
    "insiden",
    "lama penyelesaian",
    "waktu penyelesaian",
    "lama waktu",
    "waktu tunggu",
    "rata-rata waktu",
    "rasio gini",
    "indeks gini",
    "gini ratio",
    "inflasi",
    "putus sekolah",
    "stunting",
    "gizi buruk",
    "gizi kurang",
    "wasting",
    "underweight",
    "kecelakaan",
    "pelanggaran",
    "kriminalitas",
    "tunggakan",
    "kawasan kumuh",
    "lahan kritis",
    "genangan",
    "kerugian",
    "residivis",
    "temuan berulang",
    "jumlah temuan",
    "angka kesakitan",
    "tingkat kesakitan",
    "buta aksara",
    "pencemaran",
    "emisi",
    "korban",
    "kebakaran",
    "rusak",
    "tidak layak huni",
)
# Words that turn a lower-is-better subject into higher-is-better: "Persentase penurunan angka kematian",
# "Persentase kasus yang ditangani", "tindak lanjut temuan".
POSITIVE_OVERRIDES = (
    "penurunan",
    "menurunnya",
    "berkurangnya",
    "turunnya",
    "ditangani",
    "tertangani",
    "penanganan",
    "ditindaklanjuti",
    "tindak lanjut",
    "diselesaikan",
    "terselesaikan",
    "penyelesaian kasus",
    "pencegahan",
    "bebas",
    "cakupan",
    "terkendali",
    "diperbaiki",
    "perbaikan",
    "rehabilitasi",
    "direhab",
    "direhabilitasi",
    "dibangun",
    "pembangunan",
    "ditingkatkan",
    "peningkatan",
    "dientaskan",
    "pengentasan",
    "dipulihkan",
    "pemulihan",
    "dilayani",
    "terlayani",
    "ditanggulangi",
    "tertanggulangi",
    "penanggulangan",
    "dicegah",
    "terbebas",
    "diobati",
    "pengobatan",
    "dirawat",
    "perawatan",
    "mendapat",
    "mendapatkan",
    "memperoleh",
    "ditemukan",
    "terdeteksi",
    "dideteksi",
    "diperiksa",
    "pemeriksaan",
    "sembuh",
    "kesembuhan",
    "ditindak",
)
_POLARITY_WORDS = {
    "positif": "positif",
    "+": "positif",
    "naik": "positif",
    "maximize": "positif",
    "maksimal": "positif",
    "maksimalisasi": "positif",
    "meningkat": "positif",
    "higher is better": "positif",
    "negatif": "negatif",
    "-": "negatif",
    "turun": "negatif",
    "minimize": "negatif",
    "minimal": "negatif",
    "minimalisasi": "negatif",
    "menurun": "negatif",
    "lower is better": "negatif",
}


def polarity_from_text(text: str | None) -> str | None:
    if not text:
        return None
    t = re.sub(r"\s+", " ", str(text).strip().lower())
    return _POLARITY_WORDS.get(t) or next((p for w, p in _POLARITY_WORDS.items() if len(w) > 2 and w in t), None)


class Words:
    """Whole words and phrases of a list found in a text: `search` finds what `\\b(?:w1|w2|...)\\b` finds.

    The alternation is written as a trie of the words' letters (`angka k(?:asus|e(?:miskinan|...))`): Python's
    re tries every alternative at each word start, so a list of sixty phrases over twenty thousand indicator
    names costs tens of milliseconds, and the trie tries one letter at a time. An ASCII text is searched with
    re.ASCII, which finds the same there with a cheaper word-boundary test."""

    def __init__(self, words: tuple[str, ...]):
        body = _trie(words)
        self._unicode = re.compile(rf"\b(?:{body})\b")
        self._ascii = re.compile(rf"\b(?:{body})\b", re.ASCII)

    def search(self, text: str) -> re.Match[str] | None:
        return (self._ascii if text.isascii() else self._unicode).search(text)


def _trie(words: tuple[str, ...]) -> str:
    """A regex body matching exactly `words` (literal text), their common prefixes factored out."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def body(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + body(rest) for ch, rest in sorted(node.items()) if ch]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alternation})?" if "" in node else alternation

    return body(tree)


# Whole phrases only: "kasus" inside "metode kasus (case method)" says nothing about polarity.
_NEGATIVE_RE = Words(NEGATIVE_LEXICON)
_POSITIVE_RE = Words(POSITIVE_OVERRIDES)
# What authors write beside the indicator (its label, satuan, penjelasan): "semakin kecil semakin baik".
_SAID_NEGATIVE = re.compile(r"\b(?:semakin|makin) (?:kecil|rendah|sedikit|turun|menurun)\w* (?:semakin|makin) baik\b"
                            r"|\bpolaritas:? negatif\b|\(negatif\)|\blower is better\b")
_SAID_POSITIVE = re.compile(r"\b(?:semakin|makin) (?:besar|tinggi|banyak|naik|meningkat)\w* (?:semakin|makin) baik\b"
                            r"|\bpolaritas:? positif\b|\(positif\)|\bhigher is better\b")


def said_polarity(*texts: str | None) -> str | None:
    """Polarity the author wrote in words beside the indicator ("semakin kecil semakin baik"), or None."""
    for text in texts:
        p = _said(str(text).lower()) if text else None
        if p:
            return p
    return None


def _said(t: str) -> str | None:
    """`said_polarity` of one lower-cased text."""
    if "baik" not in t and "tif" not in t and "better" not in t:
        return None  # every phrase below says one of these: most penjelasan texts stop here
    if _SAID_NEGATIVE.search(t):
        return "negatif"
    if _SAID_POSITIVE.search(t):
        return "positif"
    return None


@lru_cache(maxsize=16384)
def lexicon_polarity(name: str) -> str | None:
    """'negatif' when the name says lower is better, 'positif' when an override says otherwise, else None."""
    return _lexicon(name.lower())


def _lexicon(t: str) -> str | None:
    """`lexicon_polarity` of a lower-cased name."""
    if _NEGATIVE_RE.search(t) is None:
        return None
    return "positif" if _POSITIVE_RE.search(t) else "negatif"


def name_polarity(name: str) -> tuple[str | None, str | None]:
    """What an indicator's name says of its polarity: (in the author's words, `said_polarity`; by the
    lexicon, `lexicon_polarity`), the name read once for both."""
    t = name.lower()
    return _said(t) if t else None, _lexicon(t)


def config_polarity(name: str, config: Config) -> str | None:
    t = re.sub(r"\s+", " ", name.lower())
    for pattern, pol in config.polarity:
        if pattern in t:
            return pol
    return None


def lexicon_polarity_hint(name: str) -> bool:
    """Only let the typed capaian decide 'negatif' when the name does not read as higher-is-better."""
    t = name.lower()
    return not any(w in t for w in ("indeks", "cakupan", "usia harapan", "persentase", "jumlah", "nilai", "rasio"))
