"""The glossary: which words a text mentions, the longest form first, the first mention only."""

from dataclasses import replace

from screening.domain.catalogue import Word
from screening.domain.glossary import pieces, words_used
from screening.domain.validation import validate
from tests.domain.test_validation import valid

STEM = Word("stem-cell", "Stem cell", "A cell that can make other kinds of cell.", ("stem cells",))
TRANSPLANT = Word(
    "transplant",
    "Blood stem cell transplant (AHSCT)",
    "Strong chemotherapy, then...",
    ("AHSCT", "stem cell transplant"),
)
IV = Word("drip", "Drip (IV)", "Medicine that runs into a vein.", ("IV", "drip"))
WORDS = (TRANSPLANT, STEM, IV)


def marked(text, seen=None):
    return [(p.text, p.word.code) for p in pieces(text, WORDS, seen) if p.word]


def test_the_longest_form_wins_and_case_does_not_matter():
    assert marked("A Stem Cell Transplant is not the same as stem cells.") == [
        ("Stem Cell Transplant", "transplant"),
        ("stem cells", "stem-cell"),
    ]


def test_only_whole_words_are_matched():
    assert marked("IVF, a drip-feed, an IV.") == [("IV", "drip")]


def test_the_pieces_put_the_text_back_together():
    text = "An AHSCT uses stem cells; a drip does not."
    assert "".join(p.text for p in pieces(text, WORDS)) == text


def test_with_a_page_only_the_first_mention_of_each_word_is_marked():
    seen: set[str] = set()
    assert marked("A drip, an IV, of stem cells.", seen) == [("drip", "drip"), ("stem cells", "stem-cell")]
    assert marked("Another drip, more stem cells, an AHSCT.", seen) == [("AHSCT", "transplant")]
    assert seen == {"drip", "stem-cell", "transplant"}


def test_words_used_are_given_in_the_glossarys_order():
    assert words_used(["an IV drip", "an AHSCT"], WORDS) == (TRANSPLANT, IV)
    assert words_used(["nothing here"], WORDS) == ()
    assert words_used(["an IV"], ()) == ()


def test_a_way_of_writing_a_word_may_belong_to_one_word_only():
    clash = replace(IV, forms=("IV", "stem cells"))
    problems = validate(replace(valid(), words=(STEM, clash)))
    assert [(p.code, p.where, p.params["form"]) for p in problems] == [
        ("word-form-repeated", ("word", "drip"), "stem cells")
    ]
    assert validate(replace(valid(), words=(replace(STEM, meaning=" "),)))[0].code == "word-text"
    assert validate(replace(valid(), words=WORDS)) == []
