"""``might_ask_for_help``: never False for a text the parser reads as help, so Slack's ack
may skip the parse of every text it rules out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from query.corpus import CORPUS
from query.test_never_raises import PIECES

from bot.query import might_ask_for_help, parse_query
from bot.query.help_words import HELP_ONLY_KINDS
from bot.query.lexicon import LEXICON
from bot.query.slack_text import clean_slack_text

#: Phrases a help request is made of, as the lexicon writes them (one per key).
HELP_PHRASES = sorted(
    " ".join(key) for key, meaning in LEXICON.entries() if meaning.kind in HELP_ONLY_KINDS
)


def cleaned(text: str) -> str:
    return clean_slack_text(text).text


def test_every_help_request_of_the_corpus_might_be_help() -> None:
    helps = [case.text for case in CORPUS if case.is_help]
    assert helps
    for text in helps:
        assert parse_query(text).is_help
        assert might_ask_for_help(cleaned(text)), text


def test_searches_that_name_a_place_or_a_filter_are_ruled_out() -> None:
    for text in (
        "chargers near Penn Station",
        "CCS near Times Square",
        "J1772 near 10036",
        "help me find CCS near Denver",
        "40.7580,-73.9855",
        "free CCS",
    ):
        assert not parse_query(text).is_help
        assert not might_ask_for_help(cleaned(text)), text


def test_most_of_the_corpus_searches_skip_the_parse() -> None:
    searches = [cleaned(case.text) for case in CORPUS if not case.is_help]
    ruled_out = [text for text in searches if not might_ask_for_help(text)]
    assert len(ruled_out) >= 0.9 * len(searches)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(HELP_PHRASES),
            st.sampled_from(PIECES),
            st.sampled_from(["?", "!", ".", ",", "&", "...", "🙂", "HELP", "Hi", "pls"]),
            st.text(max_size=8),
        ),
        max_size=8,
    ),
    st.sampled_from([" ", "", ", ", "\n"]),
)
def test_whatever_the_parser_reads_as_help_might_be_help(words: list[str], glue: str) -> None:
    text = glue.join(words)
    if parse_query(text).is_help:
        assert might_ask_for_help(cleaned(text))
