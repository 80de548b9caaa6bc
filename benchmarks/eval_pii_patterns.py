"""Precision and recall of the pattern recognizers on labelled, international chat lines.

Scores the engine (``engine_for()``, default settings) on four entity types,
``STREET_ADDRESS``, ``PHONE_NUMBER``, ``IBAN_CODE`` and ``NATIONAL_ID``, over two
labelled sets in ``benchmarks/data/``:

- ``pii_patterns_faker.jsonl``: chat lines written around values Faker generates for
  thirteen locales (addresses, phone numbers, IBANs, national identifiers) and lines
  with numbers that are none of them (prices, dates, decimals, versions, order
  numbers). ``--write-faker-set`` regenerates it from the templates below with a
  fixed seed;
- ``pii_patterns_handwritten.txt``: realistic chat lines in EN/ES/FR/DE/IT/NL written
  by hand, with hard negatives ("I waited 3 hours on the line").

Matching is by overlap per entity type, as in ``eval_pii.py``: a gold span is recalled
when a predicted span of its type overlaps it; a predicted span is correct when it
overlaps a gold span of its type. ``cover`` is the share of gold characters that
predicted spans of the type cover (how whole the spans are).

Records are split into two fixed halves by the parity of the SHA-256 of their text:
the DEV half may be inspected (``--show-errors dev``), the HELD-OUT half is only ever
scored. The table shows dev, held-out and all rows, per set and for both sets.

    .venv/bin/python benchmarks/eval_pii_patterns.py
    .venv/bin/python benchmarks/eval_pii_patterns.py --show-errors dev
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
FAKER_SET = DATA / "pii_patterns_faker.jsonl"
HANDWRITTEN_SET = DATA / "pii_patterns_handwritten.txt"
SCORED_TYPES = ("STREET_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "NATIONAL_ID")
SPLITS = ("dev", "held-out", "all")
SETS = ("faker", "hand", "both")
FAKER_SEED = 20261
_MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]", re.DOTALL)

Span = tuple[str, int, int]


@dataclass(frozen=True)
class Record:
    """One text, its gold spans, where it comes from and its half of the split."""

    text: str
    gold: tuple[Span, ...]
    source: str

    @property
    def split(self) -> str:
        """``dev`` or ``held-out``, fixed by the SHA-256 of the text."""
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return "dev" if int(digest, 16) % 2 == 0 else "held-out"

    @property
    def labelled_set(self) -> str:
        """``faker`` or ``hand``."""
        return self.source.split(":", 1)[0]


@dataclass(frozen=True)
class Counts:
    """Overlap-matching counts for one entity type over some records."""

    support: int = 0
    recalled: int = 0
    predicted: int = 0
    correct: int = 0
    gold_chars: int = 0
    covered_chars: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        """The counts in field order."""
        return (self.support, self.recalled, self.predicted, self.correct, self.gold_chars,
                self.covered_chars)

    @property
    def precision(self) -> float | None:
        """Correct predictions / predictions; None when nothing was predicted."""
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Recalled gold spans / gold spans; None without gold spans."""
        return self.recalled / self.support if self.support else None

    @property
    def cover(self) -> float | None:
        """Gold characters inside predicted spans of the type / gold characters."""
        return self.covered_chars / self.gold_chars if self.gold_chars else None


# --- Reading the sets -----------------------------------------------------------------

def parse_marked(text: str) -> tuple[str, tuple[Span, ...]]:
    """A text with ``[[TYPE|value]]`` marks as plain text and its gold spans."""
    plain: list[str] = []
    spans: list[Span] = []
    position = 0
    length = 0
    for match in _MARK.finditer(text):
        before = text[position:match.start()]
        plain.append(before)
        length += len(before)
        value = match.group(2)
        spans.append((match.group(1), length, length + len(value)))
        plain.append(value)
        length += len(value)
        position = match.end()
    plain.append(text[position:])
    return "".join(plain), tuple(spans)


def load_handwritten(path: Path = HANDWRITTEN_SET) -> list[Record]:
    """The hand-written lines: ``language<TAB>text``, ``#`` comments skipped."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, marked = line.split("\t", 1)
        text, gold = parse_marked(marked.replace("\\n", "\n"))
        records.append(Record(text, gold, f"hand:{language}"))
    return records


def load_faker(path: Path = FAKER_SET) -> list[Record]:
    """The Faker-generated lines (JSON Lines: text, spans, source)."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = tuple((entity, start, end) for entity, start, end in item["spans"])
        records.append(Record(item["text"], gold, item["source"]))
    return records


# --- Generating the Faker set ---------------------------------------------------------

LOCALES = ("en_US", "en_GB", "en_CA", "en_AU", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT",
           "nl_NL", "nl_BE", "pt_PT", "pl_PL")
PER_LOCALE = {"STREET_ADDRESS": 30, "PHONE_NUMBER": 20, "IBAN_CODE": 8, "NATIONAL_ID": 12,
              "NEGATIVE": 14}

# Chat lines around a value, per language ({v} is the value); locales of other
# languages use the English lines.
TEMPLATES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "STREET_ADDRESS": {
        "en": ("Please ship it to {v}.", "My new address is {v}", "{v}",
               "I moved, the address is now:\n{v}\nThanks!", "Can you send the invoice to {v}?",
               "Deliver to: {v}", "I live at {v}.", "it's {v} - the blue door",
               "Hi, please update my details: {v}", "Send the replacement to {v} please"),
        "de": ("Bitte an {v} liefern.", "Meine neue Adresse ist {v}", "Lieferadresse:\n{v}",
               "Ich wohne in der {v}.", "{v}", "Schicken Sie die Rechnung an {v}, danke"),
        "fr": ("Merci de livrer au {v}.", "Ma nouvelle adresse est {v}",
               "Adresse de livraison :\n{v}", "J'habite {v}.", "{v}",
               "Envoyez la facture à {v}, merci"),
        "es": ("Envíenlo a {v}, por favor.", "Mi nueva dirección es {v}",
               "Dirección de entrega:\n{v}", "Vivo en {v}.", "{v}",
               "Manden la factura a {v}, gracias"),
        "it": ("Spedite a {v}, grazie.", "Il mio nuovo indirizzo è {v}",
               "Indirizzo di consegna:\n{v}", "Abito in {v}.", "{v}",
               "Mandate la fattura a {v}, grazie"),
        "nl": ("Graag leveren op {v}.", "Mijn nieuwe adres is {v}", "Afleveradres:\n{v}",
               "Ik woon op {v}.", "{v}", "Stuur de factuur naar {v}, bedankt"),
    },
    "PHONE_NUMBER": {
        "en": ("Call me on {v}", "my number is {v}", "You can reach me at {v} after 5pm", "{v}",
               "Please text {v} when the driver is close", "I didn't get the SMS on {v}",
               "new phone: {v}", "It's {v}, thanks"),
        "de": ("Rufen Sie mich unter {v} an", "Meine Nummer ist {v}", "{v}",
               "Erreichbar unter {v}", "Bitte eine SMS an {v}"),
        "fr": ("Appelez-moi au {v}", "Mon numéro est le {v}", "{v}", "Joignable au {v}",
               "Envoyez un SMS au {v}"),
        "es": ("Llámame al {v}", "Mi número es {v}", "{v}", "Pueden contactarme en el {v}",
               "Mándenme un SMS al {v}"),
        "it": ("Chiamatemi al {v}", "Il mio numero è {v}", "{v}", "Sono raggiungibile al {v}",
               "Mandate un SMS al {v}"),
        "nl": ("Bel me op {v}", "Mijn nummer is {v}", "{v}", "Bereikbaar op {v}",
               "Stuur een sms naar {v}"),
    },
    "IBAN_CODE": {
        "en": ("My IBAN is {v}", "Please refund to {v}", "{v}",
               "Transfer it to account {v} please", "Can you pay into {v}?"),
        "de": ("Meine IBAN ist {v}", "Bitte auf {v} überweisen", "{v}"),
        "fr": ("Mon IBAN est {v}", "Remboursez sur le compte {v} svp", "{v}"),
        "es": ("Mi IBAN es {v}", "Devuélvanlo a la cuenta {v}", "{v}"),
        "it": ("Il mio IBAN è {v}", "Rimborsate sul conto {v}", "{v}"),
        "nl": ("Mijn IBAN is {v}", "Graag terugstorten op {v}", "{v}"),
    },
    "NEGATIVE": {
        "en": ("Order {order} was charged {price}", "The meeting is on {date} at {time}",
               "Version {version} fixed it", "It weighs {decimal} kg",
               "My order number is {order}", "I waited {n} hours on the line",
               "Invoice {order} from {date}", "We have {n} items in stock, {n2} on the way",
               "Room for {n} people on {date}", "Total: {price}",
               "the ratio is {decimal} now"),
        "de": ("Bestellung {order} kostete {price}", "Der Termin ist am {date} um {time}",
               "Version {version} hat es behoben", "Es wiegt {decimal} kg",
               "Ich habe {n} Stunden gewartet", "Rechnung {order} vom {date}"),
        "fr": ("Commande {order} facturée {price}", "Le rendez-vous est le {date} à {time}",
               "La version {version} a corrigé ça", "Ça pèse {decimal} kg",
               "J'ai attendu {n} heures", "Facture {order} du {date}"),
        "es": ("Pedido {order} cobrado {price}", "La cita es el {date} a las {time}",
               "La versión {version} lo arregló", "Pesa {decimal} kg",
               "Esperé {n} horas", "Factura {order} del {date}"),
        "it": ("Ordine {order} addebitato {price}", "L'appuntamento è il {date} alle {time}",
               "La versione {version} l'ha risolto", "Pesa {decimal} kg",
               "Ho aspettato {n} ore", "Fattura {order} del {date}"),
        "nl": ("Bestelling {order} kostte {price}", "De afspraak is op {date} om {time}",
               "Versie {version} loste het op", "Het weegt {decimal} kg",
               "Ik heb {n} uur gewacht", "Factuur {order} van {date}"),
    },
}
# National identifiers: (template, needs a context word to be findable) per locale.
ID_TEMPLATES: Mapping[str, tuple[str, ...]] = {
    "es": ("Mi DNI es {v}", "NIE {v}", "{v}", "Os paso mi documento: {v}"),
    "fr": ("Mon numéro de sécurité sociale est {v}", "{v}", "N° de sécu : {v}"),
    "it": ("Il mio codice fiscale è {v}", "{v}", "CF: {v}"),
    "nl": ("Mijn BSN is {v}", "{v}", "burgerservicenummer {v}"),
    "pl": ("Mój PESEL to {v}", "{v}", "numer PESEL: {v}"),
    "de": ("Meine Steuer-ID ist {v}", "Steuerliche Identifikationsnummer: {v}", "{v}"),
    "pt": ("O meu NIF é {v}", "{v}", "contribuinte n.º {v}"),
    "be": ("Mon numéro de registre national est {v}", "rijksregisternummer {v}", "{v}"),
    "gb": ("My national insurance number is {v}", "NI number: {v}", "{v}"),
}
_DATE_FORMATS = {"en": ("%m/%d/%Y", "%B %d, %Y"), "de": ("%d.%m.%Y",), "fr": ("%d/%m/%Y",),
                 "es": ("%d/%m/%Y",), "it": ("%d/%m/%Y",), "nl": ("%d-%m-%Y",)}


def _language(locale: str) -> str:
    """The template language for a Faker locale."""
    language = locale.split("_", 1)[0]
    return language if language in TEMPLATES["STREET_ADDRESS"] else "en"


def _address(fake: Any, rng: random.Random) -> str:
    """An address as Faker writes it: multi-line, on one line, or the street line only."""
    choice = rng.random()
    value: str = fake.street_address() if choice < 0.15 else fake.address()
    if 0.15 <= choice < 0.4:
        value = ", ".join(part.strip() for part in value.splitlines())
    return value.lower() if rng.random() < 0.1 else value


def _iban(fake: Any, rng: random.Random) -> str:
    """An IBAN compact, in groups of four, or in lower case."""
    from stdnum import iban

    value: str = fake.iban()
    choice = rng.random()
    if choice < 0.4:
        return str(iban.format(value))
    return value.lower() if choice < 0.6 else value


def _national_id(locale: str, fake: Any, rng: random.Random) -> tuple[str, str] | None:
    """A valid national identifier for the locale and its template key, or None."""
    from stdnum.be import nn
    from stdnum.de import idnr
    from stdnum.fr import nir
    from stdnum.pt import nif

    maker: dict[str, Callable[[], tuple[str, str]]] = {
        "es_ES": lambda: (fake.nie() if rng.random() < 0.4 else fake.nif(), "es"),
        "fr_FR": lambda: (_maybe(rng, fake.ssn(), nir.format), "fr"),
        "it_IT": lambda: (fake.ssn(), "it"),
        "nl_NL": lambda: (fake.ssn(), "nl"),
        "pl_PL": lambda: (fake.pesel(), "pl"),
        "nl_BE": lambda: (_maybe(rng, fake.ssn(), nn.format), "be"),
        "de_DE": lambda: (_maybe(rng, _valid_digits(rng, 11, idnr.is_valid), idnr.format), "de"),
        "pt_PT": lambda: (_valid_pt_nif(rng, nif.calc_check_digit), "pt"),
        "en_GB": lambda: (_nino(rng), "gb"),
    }
    make = maker.get(locale)
    return make() if make else None


def _maybe(rng: random.Random, value: str, formatter: Callable[[str], str]) -> str:
    """The value as written, or in its official spaced format half of the time."""
    return str(formatter(value)) if rng.random() < 0.5 else value


def _valid_digits(rng: random.Random, length: int, is_valid: Callable[[str], bool]) -> str:
    """Random digit strings until one passes `is_valid`."""
    while True:
        value = "".join(rng.choice("0123456789") for _ in range(length))
        if is_valid(value):
            return value


def _valid_pt_nif(rng: random.Random, check: Callable[[str], str]) -> str:
    """A Portuguese NIF of a person (first digit 1-3) with its check digit."""
    base = rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(7))
    return base + check(base)


def _nino(rng: random.Random) -> str:
    """A UK National Insurance number with an allocatable prefix (HMRC NIM39110)."""
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    while first + second in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{first}{second}{digits}{suffix}"


def _negative(language: str, fake: Any, rng: random.Random) -> str:
    """A line with numbers that are none of the scored types."""
    template = rng.choice(TEMPLATES["NEGATIVE"][language])
    date = fake.date_object()
    values = {
        "order": str(rng.randint(10**5, 10**10)),
        "price": rng.choice((fake.pricetag(),
                             f"{rng.randint(1, 9999)},{rng.randint(0, 99):02d} €",
                             f"€{rng.randint(1, 999)}.{rng.randint(0, 99):02d}")),
        "date": date.strftime(rng.choice(_DATE_FORMATS[language])),
        "time": f"{rng.randint(0, 23)}:{rng.randint(0, 59):02d}",
        "version": ".".join(str(rng.randint(0, 20)) for _ in range(rng.randint(2, 4))),
        "decimal": f"{rng.random() * rng.choice((1, 10, 1000)):.{rng.randint(1, 9)}f}",
        "n": str(rng.randint(2, 12)),
        "n2": str(rng.randint(2, 12)),
    }
    return template.format(**values)


def generate_faker_set(seed: int = FAKER_SEED) -> Iterator[dict[str, object]]:
    """The Faker set's records, reproducible from `seed`."""
    from faker import Faker

    rng = random.Random(seed)
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        language = _language(locale)
        for entity, count in PER_LOCALE.items():
            for _ in range(count):
                record = _faker_record(entity, locale, language, fake, rng)
                if record is not None:
                    yield record


def _faker_record(entity: str, locale: str, language: str, fake: Any,
                  rng: random.Random) -> dict[str, object] | None:
    """One labelled line of the given entity type (or a negative line)."""
    source = f"faker:{locale}"
    if entity == "NEGATIVE":
        return {"text": _negative(language, fake, rng), "spans": [], "source": source}
    if entity == "NATIONAL_ID":
        made = _national_id(locale, fake, rng)
        if made is None:
            return None
        value, key = made
        template = rng.choice(ID_TEMPLATES[key])
    else:
        if entity == "STREET_ADDRESS":
            value = _address(fake, rng)
        elif entity == "PHONE_NUMBER":
            value = fake.phone_number()
        else:
            value = _iban(fake, rng)
        template = rng.choice(TEMPLATES[entity][language])
    start = template.index("{v}")
    text = template.replace("{v}", value)
    return {"text": text, "spans": [[entity, start, start + len(value)]], "source": source}


def write_faker_set(path: Path = FAKER_SET) -> int:
    """Regenerate the Faker set; return how many records it holds."""
    records = list(generate_faker_set())
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
                    encoding="utf-8")
    return len(records)


# --- Scoring --------------------------------------------------------------------------

def predict(records: Sequence[Record]) -> list[tuple[Span, ...]]:
    """The engine's spans of the scored types for every record, in one batch."""
    from auditor.pii import engine_for
    from auditor.pii.detector import quiet_presidio_logger

    quiet_presidio_logger()
    results = engine_for().analyze_many([record.text for record in records])
    return [tuple((s.entity_type, s.start, s.end) for s in spans
                  if s.entity_type in SCORED_TYPES) for spans in results]


def _overlap(a: Span, b: Span) -> bool:
    """Same type and at least one shared character."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def count(record: Record, predicted: Sequence[Span], entity: str) -> Counts:
    """Overlap-matching counts for one record and type."""
    gold = [span for span in record.gold if span[0] == entity]
    guesses = [span for span in predicted if span[0] == entity]
    covered = {i for _, start, end in guesses for i in range(start, end)}
    return Counts(support=len(gold),
                  recalled=sum(any(_overlap(g, p) for p in guesses) for g in gold),
                  predicted=len(guesses),
                  correct=sum(any(_overlap(p, g) for g in gold) for p in guesses),
                  gold_chars=sum(end - start for _, start, end in gold),
                  covered_chars=sum(len(covered & set(range(start, end)))
                                    for _, start, end in gold))


def tally(records: Sequence[Record], predictions: Sequence[Sequence[Span]], split: str,
          labelled_set: str) -> dict[str, Counts]:
    """Counts per type over the records of a split and a set ("all", "both": every one)."""
    totals = {entity: Counts() for entity in SCORED_TYPES}
    for record, predicted in zip(records, predictions, strict=True):
        if split in ("all", record.split) and labelled_set in ("both", record.labelled_set):
            for entity in SCORED_TYPES:
                totals[entity] += count(record, predicted, entity)
    return totals


def _rate(value: float | None) -> str:
    """A rate with three decimals, or a dash when undefined."""
    return "-" if value is None else f"{value:.3f}"


def format_table(records: Sequence[Record], predictions: Sequence[Sequence[Span]]) -> str:
    """One row per split, set and type: support, precision, recall, cover."""
    header = (f"{'split':<9}{'set':<7}{'entity':<16}{'support':>8}{'predicted':>10}"
              f"{'P':>8}{'R':>8}{'cover':>8}")
    lines = [header, "-" * len(header)]
    for split in SPLITS:
        for labelled_set in SETS:
            counts = tally(records, predictions, split, labelled_set)
            for entity in SCORED_TYPES:
                c = counts[entity]
                lines.append(f"{split:<9}{labelled_set:<7}{entity:<16}{c.support:>8}"
                             f"{c.predicted:>10}{_rate(c.precision):>8}{_rate(c.recall):>8}"
                             f"{_rate(c.cover):>8}")
    return "\n".join(lines)


def show_dev_errors(records: Sequence[Record], predictions: Sequence[Sequence[Span]],
                    entity: str | None) -> None:
    """Print missed and spurious spans of dev records only (held-out rows never)."""
    print("\ndev errors (FN = gold span missed, FP = predicted span matching no gold span):")
    for record, predicted in zip(records, predictions, strict=True):
        if record.split != "dev":
            continue
        errors = [("FN", g) for g in record.gold
                  if not any(_overlap(g, p) for p in predicted)]
        errors += [("FP", p) for p in predicted if not any(_overlap(p, g) for g in record.gold)]
        errors = [(kind, span) for kind, span in errors if entity in (None, span[0])]
        if errors:
            print(f"  [{record.source}] {record.text!r}")
            for kind, (name, start, end) in errors:
                print(f"      {kind} {name:<15} {record.text[start:end]!r}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Score the PII pattern recognizers per entity type on the Faker-generated "
                    "and hand-written sets (dev half, held-out half, all rows).")
    parser.add_argument("--write-faker-set", action="store_true",
                        help=f"regenerate {FAKER_SET.name} (seed {FAKER_SEED}) and exit")
    parser.add_argument("--show-errors", choices=["dev"],
                        help="print errors on the dev half (held-out rows are never printed)")
    parser.add_argument("--entity", choices=SCORED_TYPES,
                        help="with --show-errors, only errors of this type")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation (or regenerate the Faker set); return the exit status."""
    args = parse_args(argv)
    if args.write_faker_set:
        print(f"wrote {write_faker_set()} records to {FAKER_SET}")
        return 0
    records = load_faker() + load_handwritten()
    predictions = predict(records)
    sizes = {split: sum(split in ("all", r.split) for r in records) for split in SPLITS}
    print("records: " + ", ".join(f"{split} {n}" for split, n in sizes.items()))
    print(format_table(records, predictions))
    if args.show_errors == "dev":
        show_dev_errors(records, predictions, args.entity)
    return 0


if __name__ == "__main__":
    sys.exit(main())
