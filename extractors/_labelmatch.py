"""Labels matched by meaning: an unseen phrasing of a known label still names its field.

Real forms never write a label exactly as the template does. ``Họ và tên người được đề nghị``,
``Ngày/tháng/năm sinh``, ``Chức danh, chức vụ`` and ``Họ và tcn`` (OCR) all name a field whose exact
variants are listed in ``data/labels/*.yaml``. ``LabelMatcher`` folds a candidate label (the text
before a colon, a dotted leader or a value cell) and scores it against the variants word by word, with
the thresholds and filler words of ``data/labels/label_match.yaml``:

- every word of the variant should be in the label, in any order, each allowed a wrong letter;
- a label word that belongs to no variant and is not a filler word (``của``, ``người``, ``được``,
  ``đề nghị``, ``khai``, …) costs, so a sentence that merely mentions ``họ tên`` scores low;
- a label that holds every word of two fields' labels ("Chức vụ, đơn vị công tác") names neither;
- a label part of more than ``max_label_words`` words (filler words aside) is a sentence, never a label.

The exact regex path of ``LabelReader`` runs first; this matcher is only asked about lines it did not
read, so a well-formed form costs nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extractors._labels import LabelMatch
from extractors._text import fold1

# numbering and bullets before a label: "1.", "1.2.", "a)", "(b)", "I.", "IV -", "-", "+", "•"
_NUMBERING = re.compile(r"^[\s\-–—•+*·>._]*(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[ivxl]{1,4})\s*[.):/-]\s*)?[\s\-–—•+*·]*")
_PARENS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_WORD = re.compile(r"[a-z0-9]+")


def fold_label(text: str) -> list[str]:
    """The words of a label as matched: no diacritics or case, no numbering, notes or punctuation."""
    folded = fold1(text)
    folded = _NUMBERING.sub("", folded, count=1)
    folded = _PARENS.sub(" ", folded)
    return _WORD.findall(folded)


@dataclass(frozen=True)
class LabelScore:
    """The field a label names, how well it matched, and which label words it used."""

    field: str
    score: float
    used: frozenset[int]
    content: int = 0  # label words used that are not filler words: what ranks equal scores

    @property
    def rank(self) -> tuple[float, int, int]:
        return (self.score, self.content, len(self.used))

    @property
    def matched(self) -> int:
        return len(self.used)

    @property
    def lead(self) -> int:
        """Label words before the first one the variant used (fillers such as "của")."""
        return min(self.used)


class LabelMatcher:
    """Scores folded candidate labels against one label table's variants (fields and read-past labels)."""

    def __init__(self, entries: list[tuple[str, str]], params: LabelMatch, filler: Sequence[str] = ()) -> None:
        self._params = params
        self._filler = frozenset([*params.filler_words, *filler])
        self._variants: list[tuple[str, tuple[str, ...]]] = []
        by_word: dict[str, set[int]] = {}
        self._qualifier_only: set[int] = set()
        for field, variant in entries:
            words = tuple(fold_label(variant))
            if not words:
                continue
            idx = len(self._variants)
            self._variants.append((field, words))
            if all(w in self._filler for w in words):
                self._qualifier_only.add(idx)
            for w in words:
                by_word.setdefault(w, set()).add(idx)
        self._by_word = by_word
        self._vocab = list(by_word)

    def _similar(self, word: str) -> dict[str, float]:
        """Vocabulary words within ``word_similarity`` of ``word``, with their similarity."""
        hits = process.extract(word, self._vocab, scorer=Levenshtein.normalized_similarity,
                               score_cutoff=self._params.word_similarity, limit=None)
        return {w: s for w, s, _ in hits}

    @staticmethod
    def _cover(vwords: tuple[str, ...], sims: list[dict[str, float]], taken: frozenset[int] = frozenset(),
               exact: bool = False) -> tuple[float, frozenset[int]]:
        """Each variant word paired with a free label word: identical words first, then (unless
        ``exact``) the most similar one left. Returns (sum of the similarities, the label words used)."""
        used: set[int] = set(taken)
        total = 0.0
        missing: list[str] = []
        for vw in vwords:
            i = next((i for i, s in enumerate(sims) if i not in used and s.get(vw, 0.0) >= 0.999), -1)
            if i >= 0:
                used.add(i)
                total += 1.0
            else:
                missing.append(vw)
        if not exact:
            for vw in missing:
                best_i, best_s = -1, 0.0
                for i, s in enumerate(sims):
                    if i not in used and s.get(vw, 0.0) > best_s:
                        best_i, best_s = i, s[vw]
                if best_i >= 0:
                    used.add(best_i)
                    total += best_s
        return total, frozenset(used - taken)

    def best(self, words: list[str]) -> LabelScore | None:
        """The field the label words name, or ``None``: no variant scores high enough, two fields tie,
        or the label names two fields at once ("Chức vụ, đơn vị công tác", "Dân tộc, tôn giáo")."""
        if not words or len(words) > 2 * self._params.max_label_words:
            return None
        filler = [w in self._filler for w in words]
        if len(words) - sum(filler) > self._params.max_label_words:
            return None
        sims = [self._similar(w) for w in words]
        candidates: set[int] = set()
        for s in sims:
            for w in s:
                candidates |= self._by_word[w]
        scored: list[LabelScore] = []
        for idx in candidates:
            field, vwords = self._variants[idx]
            total, used = self._cover(vwords, sims)
            extras = sum(1 for i in range(len(words)) if i not in used and not filler[i])
            if extras and idx in self._qualifier_only:
                continue  # "tập thể đề nghị" qualifies the other words of "Địa chỉ tập thể đề nghị"
            score = total / (len(vwords) + self._params.extra_word_weight * extras)
            if score >= self._params.min_score:
                scored.append(LabelScore(field, score, used, sum(not filler[i] for i in used)))
        if not scored:
            return None
        # of equal scores, the variant that used more words that carry meaning, then more words
        scored.sort(key=lambda s: s.rank, reverse=True)
        top = scored[0]
        for other in scored[1:]:
            if other.rank != top.rank:
                break
            if other.field != top.field:
                return None  # two fields fit equally well: not ours to guess
        for idx in candidates:
            field, vwords = self._variants[idx]
            if field == top.field or idx in self._qualifier_only:
                continue
            _, used = self._cover(vwords, sims, top.used, exact=True)
            if len(used) == len(vwords):
                return None  # every word of another field's label is there too, as written
        return top

    def match(self, label_text: str) -> LabelScore | None:
        """``best`` of a raw label text (numbering, notes and punctuation are dropped first)."""
        return self.best(fold_label(label_text))
