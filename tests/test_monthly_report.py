"""`auditor monthly` on the six-month fixture: the report's pages, words, trend and chart,
the history, and the errors a user meets."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
import textstat

from auditor.cli import main
from auditor.monthly.trend import Direction, TrendPoint, change_between
from auditor.registry import Registry
from auditor.render.trend_chart import TREND_COLOUR
from tests.conftest import FIXTURES, conversation, write_jsonl

MONTHLY = FIXTURES / "monthly"
RUN_AT = "2026-11-02T08:00:00Z"
CODE_NAME = re.compile(r"\b(?:DISC|PII|ESC|FAIR)\d{3}\b")
JARGON = re.compile(r"interval|confidence|p-value|p ?<|significan|statistic|wilson|newcombe|"
                    r"impact ratio|four-fifths|\bfisher\b", re.IGNORECASE)
# Plain English for a general reader: 60 is "standard" on Flesch's scale.
READING_EASE_FLOOR = 60.0


def _monthly(out: Path, *args: str, history: Path | None = None) -> int:
    extra = ["--history", str(history)] if history else []
    return main(["monthly", *args, "--policy", str(MONTHLY / "policy.toml"),
                 "--created-at", RUN_AT, "--out", str(out), "--quiet", *extra])


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One run over the whole fixture, with a history folder."""
    out = tmp_path_factory.mktemp("monthly")
    code = _monthly(out, str(MONTHLY / "transcripts.jsonl"), "--decisions",
                    str(MONTHLY / "refunds.csv"), history=out / "history")
    report = json.loads((out / "monthly-2026-10.json").read_text(encoding="utf-8"))
    return {"out": out, "code": code, "report": report,
            "pdf": (out / "monthly-2026-10.pdf").read_bytes()}


def _area(report: dict[str, Any], pack: str) -> dict[str, Any]:
    return next(area for area in report["areas"] if area["pack"] == pack)


def _points(area: dict[str, Any]) -> dict[str, TrendPoint]:
    return {p["month"]: TrendPoint(**p) for p in area["trend"]}


def test_the_default_month_is_the_latest_that_had_ended(fixture_run: dict[str, Any]) -> None:
    report = fixture_run["report"]
    assert report["month"] == "2026-10" and report["organisation"] == "Inkwell Books"
    # The month's verdict, as the full audit's: the September regression lingers.
    audit = json.loads((fixture_run["out"] / "audit-2026-10.json").read_text(encoding="utf-8"))
    assert report["verdict"] == audit["summary"]["verdict"] == "failed"
    assert fixture_run["code"] == 1
    assert len(report["actions"]) == 3


def test_the_report_is_at_most_four_pages_and_page_one_speaks_plainly(
        fixture_run: dict[str, Any]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(fixture_run["pdf"]))
    assert 1 <= len(reader.pages) <= 4
    first = " ".join(reader.pages[0].extract_text().split())
    report = fixture_run["report"]
    assert "October 2026" in first and "Inkwell Books".upper() in first.upper()
    assert report["verdict_words"] in first
    for action in report["actions"]:
        assert action["title"] in first
    for title in ("AI disclosure", "Personal data", "Fair treatment", "Getting a person"):
        assert title in first
    assert CODE_NAME.search(first) is None, CODE_NAME.search(first)
    assert JARGON.search(first) is None, JARGON.search(first)


def test_the_trend_shows_the_july_fix_and_the_september_regression(
        fixture_run: dict[str, Any]) -> None:
    disclosure = _points(_area(fixture_run["report"], "DISC"))
    privacy = _points(_area(fixture_run["report"], "PII"))
    assert change_between(disclosure["2026-06"], disclosure["2026-07"]).direction \
        == Direction.BETTER
    assert change_between(privacy["2026-08"], privacy["2026-09"]).direction == Direction.WORSE
    # The launch week is drawn as too few to judge; months before it have no data.
    assert disclosure["2026-04"].base == 6 and not disclosure["2026-04"].judged
    assert disclosure["2026-04"].rate is None
    assert disclosure["2025-11"].base == 0
    assert len(disclosure) == 12


def test_the_time_zone_puts_a_late_june_night_in_june(fixture_run: dict[str, Any]) -> None:
    history = fixture_run["out"] / "history"
    june = json.loads((history / "summary-2026-06.json").read_text(encoding="utf-8"))
    july = json.loads((history / "summary-2026-07.json").read_text(encoding="utf-8"))
    # 42 generated June chats plus the one at 03:30 UTC on 1 July (30 June in New York).
    assert june["conversations"] == 43 and july["conversations"] == 45
    assert june["time_zone"] == "America/New_York" and june["regions"] == ["US-CO", "US-ME"]


def _colour_pixels(image: Any, colour: str, tolerance: int = 40) -> list[tuple[int, int]]:
    wanted = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    rgb = image.convert("RGB")
    width, height = rgb.size
    data = rgb.tobytes()
    found = []
    for index in range(width * height):
        red, green, blue = data[3 * index:3 * index + 3]
        if abs(red - wanted[0]) + abs(green - wanted[1]) + abs(blue - wanted[2]) <= tolerance:
            found.append((index % width, index // width))
    return found


def test_the_trend_charts_are_drawn_on_the_page(fixture_run: dict[str, Any]) -> None:
    document = pypdfium2.PdfDocument(fixture_run["pdf"])
    text = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    page = next(i for i, t in enumerate(text) if "Twelve months" in t)
    image = document[page].render(scale=1.0).to_pil()
    line = _colour_pixels(image, TREND_COLOUR)
    # Four charts of a thick line: many pixels, spread across the months and over
    # each quarter of the page's height.
    assert len(line) > 800
    xs = [x for x, _ in line]
    assert max(xs) - min(xs) > image.size[0] * 0.2  # May to October: half a chart
    quarters = {y * 4 // image.size[1] for _, y in line}
    assert len(quarters) >= 3
    # The launch week's "too few" box is drawn in grey in every chart.
    boxes = _colour_pixels(image, "#eceff1", tolerance=6)
    assert len(boxes) > 1000


def test_the_footer_digest_is_the_month_result_digest(fixture_run: dict[str, Any]) -> None:
    result = (fixture_run["out"] / "audit-2026-10.json").read_bytes()
    digest = "sha256:" + hashlib.sha256(result).hexdigest()
    assert fixture_run["report"]["result_digest"] == digest
    reader = pypdf.PdfReader(io.BytesIO(fixture_run["pdf"]))
    last = "".join(reader.pages[-1].extract_text().split())
    assert digest in last
    assert "audit-2026-10.html" in last and (fixture_run["out"] / "audit-2026-10.html").exists()


def test_the_deadlines_ahead_are_those_of_the_shop_s_states(fixture_run: dict[str, Any]) -> None:
    report = fixture_run["report"]
    assert [(o["starts"], o["jurisdiction"]) for o in report["obligations"]] == [
        ("2027-01-01", "US-CO")]
    assert report["jurisdictions"] == ["US-CO", "US-ME"]


def _reading_ease(text: str) -> float:
    return float(textstat.flesch_reading_ease(text))


def test_the_summary_sentences_are_plain_english(fixture_run: dict[str, Any]) -> None:
    history = fixture_run["out"] / "history"
    sentences = []
    for path in sorted(history.glob("summary-*.json")):
        summary = json.loads(path.read_text(encoding="utf-8"))
        sentences += [area["sentence"] for area in summary["areas"]]
        sentences += [f"{a['title']}. {a['happened']} {a['fix']}" for a in summary["actions"]]
    assert sentences
    assert _reading_ease(" ".join(sentences)) >= READING_EASE_FLOOR


@pytest.mark.parametrize("registered", Registry.from_entry_points().all(),
                         ids=lambda r: r.code)
def test_every_built_in_check_has_plain_words_an_owner_can_read(registered: Any) -> None:
    words = registered.check_class.plain
    assert words is not None
    text = f"{words.action}. In 3 of 40 chats, {words.problem}. {words.fix}"
    assert CODE_NAME.search(text) is None and JARGON.search(text) is None
    assert _reading_ease(text) >= READING_EASE_FLOOR - 10, text


def test_a_later_run_extends_the_trend_from_the_history(fixture_run: dict[str, Any],
                                                        tmp_path: Path) -> None:
    history = tmp_path / "history"
    for path in (fixture_run["out"] / "history").glob("summary-*.json"):
        (history / path.name).parent.mkdir(exist_ok=True)
        (history / path.name).write_bytes(path.read_bytes())
    november = write_jsonl(tmp_path / "november.jsonl", [
        *[record for n in range(35) for record in conversation(
            f"nov-{n}", ("bot", "Hi, I'm Sam, Inkwell Books' automated assistant. How can I "
                                "help?"),
            ("customer", "Where is my order?"), ("bot", "It ships tomorrow."),
            region="US-ME")]])
    text = november.read_text(encoding="utf-8").replace("2026-10-01", "2026-11-12")
    november.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["monthly", str(november), "--policy", str(MONTHLY / "policy.toml"),
                 "--history", str(history), "--month", "2026-11",
                 "--created-at", "2026-12-01T12:00:00Z", "--out", str(out), "--quiet"])
    report = json.loads((out / "monthly-2026-11.json").read_text(encoding="utf-8"))
    disclosure = _points(_area(report, "DISC"))
    assert disclosure["2026-06"].affected == 15 and disclosure["2026-11"].base == 35
    assert _area(report, "PII")["light"] == "green"
    assert report["verdict"] == "passed" and code == 0
    assert (history / "summary-2026-11.json").exists()
    # Only November was audited; October comes from the history, unchanged.
    assert json.loads((history / "summary-2026-10.json").read_text(encoding="utf-8"))[
        "result_digest"] == fixture_run["report"]["result_digest"]


def test_a_past_month_can_be_reported_from_the_history_alone(fixture_run: dict[str, Any],
                                                             tmp_path: Path) -> None:
    only_november = write_jsonl(tmp_path / "t.jsonl", [
        {**record, "timestamp": "2026-11-03T10:00:00Z"} for record in conversation(
            "n1", ("bot", "Hi, I'm a virtual assistant."), ("customer", "Thanks"))])
    out = tmp_path / "out"
    code = main(["monthly", str(only_november), "--policy", str(MONTHLY / "policy.toml"),
                 "--history", str(fixture_run["out"] / "history"), "--month", "2026-09",
                 "--created-at", RUN_AT, "--out", str(out), "--quiet"])
    assert code == 1  # September failed, as its summary says
    report = json.loads((out / "monthly-2026-09.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "failed" and not (out / "audit-2026-09.json").exists()


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["--month", "2026-02"], "no conversations or decisions in that month",
                 id="month-without-data"),
    pytest.param(["--month", "Feb"], "expected a month as YYYY-MM", id="bad-month"),
    pytest.param(["--created-at", "2026-10-20T00:00:00Z"], "no complete month",
                 id="nothing-complete-yet"),
])
def test_usage_errors_say_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     args: list[str], message: str) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", conversation(
        "c1", ("bot", "Hi, I'm a virtual assistant."), ("customer", "Thanks")))
    code = main(["monthly", str(path), "--no-policy", "--out", str(tmp_path / "out"),
                 "--quiet", *args])
    assert code == 2
    assert message in capsys.readouterr().err
