"""The {% glossed %} tag: escaped like {{ text }}, the first mention of each word on a page linked."""

from django.template import Context, Template

from screening.domain.catalogue import Word

DRIP = Word("drip", "Drip (IV)", "Medicine that runs into a vein.", ("IV", "drip"))
SHADY = Word("x", "<b>x</b>", "<script>", ('"><script>',))


def render(source: str, **context) -> str:
    return Template("{% load glossary %}" + source).render(Context(context))


def test_without_a_glossary_it_writes_what_a_plain_variable_would():
    text = "A <drip> & an IV"
    assert render("{% glossed text %}", text=text) == render("{{ text }}", text=text)


def test_each_word_is_linked_once_on_a_page_across_includes_and_texts_are_escaped(db):
    page = render(
        "{% for t in texts %}<p>{% glossed t %}</p>{% endfor %}",
        texts=["<i>A drip</i>", "Another drip, an IV."],
        glossary=(DRIP,),
        glossary_version=3,
    )
    assert page.count('class="word-link"') == 1
    assert '&lt;i&gt;A <a class="word-link" href="/words/?version=3#word-drip">drip</a>&lt;/i&gt;' in page
    assert "Another drip, an IV." in page


def test_a_word_cannot_inject_markup(db):
    page = render("{% glossed text %}", text='Hello "><script> there', glossary=(SHADY,))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_questionnaire_page_opens_the_words_page_in_a_new_tab_and_says_so(db):
    page = render("{% glossed text True %}", text="A drip.", glossary=(DRIP,), glossary_version=1)
    assert 'target="_blank" rel="noopener"' in page and "opens in a new tab" in page
