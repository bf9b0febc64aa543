"""benchmarks/RESULTS.md comes from benchmarks/results/*.json alone."""

import re

import report

NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
# Numbers that are names, not measurements: the TensorFlow versions compared.
NAMES_WITH_DIGITS = {"1.15", "2.15", "2.21"}


def stripped(value):
    """``value`` with every measured number replaced by 0 (strings kept)."""
    if isinstance(value, dict):
        return {k: stripped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stripped(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 0
    return value


def strings(value):
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k] + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def test_results_md_is_the_page_the_json_gives():
    results = {name: report.load(name) for name in report.NAMES}
    with open(report.RESULTS_MD) as f:
        assert f.read() == report.page(results)


def test_with_the_figures_stripped_from_the_json_none_remains_on_the_page():
    results = {name: report.load(name) for name in report.NAMES}
    page = report.page(stripped(results))
    in_strings = {n for s in strings(results) for n in NUMBER.findall(s)}
    left = {n for n in NUMBER.findall(page)
            if float(n) != 0 and n not in in_strings and n not in NAMES_WITH_DIGITS}
    assert left == set(), sorted(left)
