"""Links the first mention of each glossary word on a page to the words page.

``{% glossed text %}`` writes ``text`` escaped, as ``{{ text }}`` would, with the first mention of
each word of ``glossary`` (a tuple of domain Words, in the page's context) linked to its entry.
Without a glossary (a version that has none), with autoescaping off or for text already marked
safe, the text comes out exactly as ``{{ text }}`` would write it, with no links.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

from screening.domain.glossary import pieces

register = template.Library()

_SEEN = "glossary_seen"  # the codes of the words already linked on the page being rendered


@register.simple_tag(takes_context=True)
def glossed(context, text, new_tab=False):
    words = context.get("glossary") or ()
    if not context.autoescape:
        return text
    if not words or not text or isinstance(text, SafeData):
        return conditional_escape(text)
    # Each {% include %} pushes a fresh level of render_context; its bottom level lasts for the
    # whole render of the page, so the words already linked are kept there.
    seen = context.render_context.dicts[0].setdefault(_SEEN, set())
    page = reverse("screening:words")
    version = context.get("glossary_version")
    query = f"?version={version}" if version else ""
    out = []
    for piece in pieces(str(text), words, seen):
        if piece.word is None:
            out.append(conditional_escape(piece.text))
            continue
        href = f"{page}{query}#word-{piece.word.code}"
        if new_tab:  # a questionnaire page: the answers on it are not saved yet
            link = format_html(
                '<a class="word-link" href="{}" target="_blank" rel="noopener">{}'
                '<span class="visually-hidden"> {}</span></a>',
                href,
                piece.text,
                _("(meaning, opens in a new tab)"),
            )
        else:
            link = format_html('<a class="word-link" href="{}">{}</a>', href, piece.text)
        out.append(link)
    return mark_safe("".join(out))
