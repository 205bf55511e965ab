"""A web address the catalogue may send a person to: https or http, a plain host, nothing hidden."""

from dataclasses import replace

import pytest

from screening.domain.addresses import is_plain_web_address
from screening.domain.catalogue import Source
from screening.domain.problems import Problem
from screening.domain.validation import validate
from tests.domain.test_validation import valid


@pytest.mark.parametrize(
    "url",
    [
        "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/important-patient-and-consumer-information",
        "http://example.org/",
        "https://www.isscr.org/guidelines?lang=en#section-3",
        "https://clinicaltrials.gov:443/study/NCT00000000",
        "https://example.co.uk/a%20b",
    ],
)
def test_plain_web_addresses_are_accepted(url):
    assert is_plain_web_address(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "ftp://example.org/file",
        "//example.org/no-scheme",
        "https://user:pass@example.org/",
        "https://example.org@evil.example/",
        "https://localhost/",
        "https://192.168.0.1/",
        "https://[::1]/",
        "https://exa mple.org/",
        "https://example.org/\u202egnp.exe",  # a right-to-left override: shows as exe.png
        "https://example.org/\u200b",  # a zero-width space
        "https://example.org/\nnext",
        "https://example.org:0/",
        "https://example.org:99999/",
        "https://-bad-.example/",
        "https:///path-only",
        "https://example.org/" + "a" * 500,
        "https://xn--80ak6aa92e.com/",  # a host in another script, imitating a well-known one
    ],
)
def test_other_addresses_are_refused(url):
    assert not is_plain_web_address(url)


def test_the_validator_refuses_a_source_address_that_is_not_plain():
    cat = valid()
    bad = replace(cat.criteria[0], sources=(Source("T", "P", "javascript:alert(1)", "2026-11-21"),))
    problems = validate(replace(cat, criteria=(bad, cat.criteria[1])))
    assert (
        Problem("source-address", ("criterion", "c1", "source", "1"), {"url": "javascript:alert(1)"})
        in problems
    )


def test_every_shipped_source_is_a_plain_web_address(shipped):
    urls = [s.url for c in shipped.criteria for s in c.sources] + [
        s.url for g in shipped.signs for s in g.sources
    ]
    assert urls and all(is_plain_web_address(url) for url in urls)
