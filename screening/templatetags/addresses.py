"""The report links a source only if its address passes the one rule (domain.addresses), whatever
version of the catalogue it comes from; otherwise it shows the address as text."""

from django import template

from screening.domain.addresses import is_plain_web_address

register = template.Library()


@register.filter
def linkable(url: str) -> bool:
    return is_plain_web_address(url)
