"""The admin is a product screen for the staff who keep the criteria.

They edit the draft here and publish it from the "Catalogue versions" page, which shows what
changed since the last published version and everything that blocks publishing.
"""

from screening.admin import catalogue, phrase_rules, publishing, screenings  # noqa: F401  (they register the models)
