"""``python -m portal ... --help``: what a new user reads first says what the README says, in plain text."""

from __future__ import annotations

import argparse

from portal import cli


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def test_every_commands_help_prints_a_percent_sign_as_one():
    # argparse %-formats an option's help, not a parser's description: a description's "%%" was printed as
    # "%%" ("kpi 5s --help": "chain overall %% with its band")
    helps = {" ".join(path): parser.format_help() for path, parser in _parsers(cli.build_parser())}
    assert "kpi 5s" in helps and "import" in helps
    assert [path for path, text in helps.items() if "%%" in text] == []
    assert "chain overall % with its band" in " ".join(helps["kpi 5s"].split())


def test_kpi_complaints_help_says_now_is_taken_at_the_full_hour():
    # the figures are judged at the period's end or now rounded down to the full hour (complaints.as_of): at 19:10
    # UTC the backlog is as of 19:00, which the help's "now" did not say
    parser = dict(_parsers(cli.build_parser()))[("kpi", "complaints")]
    text = " ".join(parser.format_help().split())
    assert "(default: the period's end or now rounded down to the full hour, the earlier)" in text
