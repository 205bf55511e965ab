"""The domain: plain, typed Python with no Django import (tests/domain/test_purity.py keeps it so).

One job per module: the words of the vocabulary, the rule language, the frozen catalogue, its
JSON codec and hash, validation, the diff between versions, answers, the journey through the
steps, scoring and the report data. Nothing here returns a sentence for a person to read: it
returns codes and parameters, and the templates and ``screening/wording.py`` say them in words.
"""
