"""Flesch reading ease and Flesch-Kincaid grade of plain text (Flesch 1948; Kincaid et al. 1975).

Syllables are counted by vowel groups with a silent final 'e', the usual approximation of these formulas.
"""
import re

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def syllables(word: str) -> int:
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def scores(text: str) -> tuple[float, float]:
    """(reading ease, grade level) of `text`; each line or sentence mark ends a sentence."""
    sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
    words = WORD.findall(text)
    syllable_count = sum(syllables(w) for w in words)
    words_per_sentence = len(words) / len(sentences)
    syllables_per_word = syllable_count / len(words)
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    return ease, grade
