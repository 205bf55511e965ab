"""Links the first mention of each glossary word on a page to the words page.

``{% glossed text %}`` writes ``text`` escaped, as ``{{ text }}`` would, with the first mention of
each word of ``glossary`` (a tuple of domain Words, in the page's context) linked to its entry.
Without a glossary (a version that has none) the text comes out exactly as ``{{ text }}``.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from screening.domain.glossary import pieces

register = template.Library()

_SEEN = "glossary_seen"  # the codes of the words already linked on the page being rendered


@register.simple_tag(takes_context=True)
def glossed(context, text, new_tab=False):
    words = context.get("glossary") or ()
    if not words or not text:
        return conditional_escape(text)
    # One render of a page shares one render_context, across {% extends %} and {% include %}.
    seen = context.render_context.get(_SEEN)
    if seen is None:
        seen = context.render_context[_SEEN] = set()
    page = reverse("screening:words")
    version = context.get("glossary_version")
    query = f"?version={version}" if version else ""
    out = []
    for piece in pieces(str(text), words, seen):
        if piece.word is None:
            out.append(conditional_escape(piece.text))
        elif new_tab:  # a questionnaire page: the answers on it are not saved yet
            out.append(
                format_html(
                    '<a class="word-link" href="{}{}#{}" target="_blank" rel="noopener">{}'
                    '<span class="visually-hidden"> {}</span></a>',
                    page,
                    query,
                    piece.word.code,
                    piece.text,
                    _("(what this means, opens in a new tab)"),
                )
            )
        else:
            out.append(
                format_html(
                    '<a class="word-link" href="{}{}#{}">{}</a>', page, query, piece.word.code, piece.text
                )
            )
    return mark_safe("".join(out))
