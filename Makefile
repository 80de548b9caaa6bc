# Two commands do everything on a fresh machine:
#   make demo   set up, then audit the bundled fixtures into out/report.{json,html,pdf},
#               and write the monthly owner report of fixtures/monthly into out/monthly/
#   make test   set up, then run the test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SETUP_STAMP := $(VENV)/.setup-complete

.PHONY: setup lock demo test lint fuzz bench-hostile bench-findings bench-startup bench-long-turn bench-pii-public bench-memory bench-scaling eval accuracy pii-patterns-faker-set clean

setup: $(SETUP_STAMP)

# Dependencies come from requirements.lock: every package pinned, every file checked
# against its SHA-256 (`make lock` refreshes it after a change to pyproject.toml).
$(SETUP_STAMP): pyproject.toml requirements.lock scripts/ensure-system-packages.sh
	bash scripts/ensure-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing the project and its dependencies into $(VENV) (log: $(VENV)/setup.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/setup.log 2>&1 \
		&& $(BIN)/python -m pip install --require-hashes --no-deps -r requirements.lock \
			>> $(VENV)/setup.log 2>&1 \
		&& $(BIN)/python -m pip install --no-deps --no-build-isolation -e . \
			>> $(VENV)/setup.log 2>&1 \
		|| { tail -n 40 $(VENV)/setup.log; exit 1; }
	touch $@

# Re-resolve every dependency (runtime, `postgres`, `dask` and `test` extras) to the newest
# releases pyproject.toml allows, with the hashes of their files.
lock: setup
	CUSTOM_COMPILE_COMMAND='make lock' $(BIN)/pip-compile --quiet --extra test \
		--extra postgres --extra dask --generate-hashes \
		--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

# The fixtures are deliberately flawed, so the gate fails (exit 1): that is the
# expected outcome of the demo, not an error. Exit codes 2 and 3 still fail make.
demo: setup
	$(BIN)/auditor scan fixtures/transcripts \
		--decisions fixtures/decisions/refunds.csv \
		--decisions fixtures/decisions/escalations.csv \
		--decisions fixtures/decisions/fairness.csv \
		--policy fixtures/policy.toml \
		--format json,html,pdf --out out; \
	status=$$?; [ $$status -le 1 ] || exit $$status
	@test -s out/report.json && test -s out/report.html && test -s out/report.pdf \
		&& echo "demo reports: out/report.json out/report.html out/report.pdf"
	$(BIN)/auditor monthly fixtures/monthly/transcripts.jsonl \
		--decisions fixtures/monthly/refunds.csv --policy fixtures/monthly/policy.toml \
		--history out/monthly/history --created-at 2026-11-02T08:00:00Z \
		--out out/monthly --quiet; \
	status=$$?; [ $$status -le 1 ] || exit $$status
	$(BIN)/python scripts/pdf_page_png.py out/monthly/monthly-2026-10.pdf 1 \
		out/monthly/monthly-2026-10-page1.png
	@echo "demo monthly report: out/monthly/monthly-2026-10.pdf (first page as PNG beside it)"

test: setup
	bash scripts/ensure-system-packages.sh --browser
	$(BIN)/python -m pytest

# Style, types, and bandit's security checks (a finding of medium or high severity fails;
# each accepted one carries a `# nosec` with its reason).
lint: setup
	$(BIN)/ruff check auditor checks tests benchmarks
	$(BIN)/mypy
	$(BIN)/bandit --quiet --recursive --severity-level medium auditor checks

# The property tests of the loaders, the exports and the web API with many more generated
# examples than the default suite runs (the `fuzz` hypothesis profile in tests/conftest.py).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_fuzz_loaders.py tests/test_json_stream.py \
		tests/test_export_injection.py tests/test_web_api_fuzz.py

# Memory and time of the command line on hostile input (a 2 GB file without newlines,
# 1 GB on one line, /dev/zero, a FIFO, standard input, a record nested 100,000 deep):
# about 2 minutes and 1 GB of real disk in a temporary folder; exits 1 when a target
# is missed.
bench-hostile: setup
	$(BIN)/python benchmarks/bench_hostile_input.py

# Latency of the findings list (web page and API) with 50,000 findings in one audit, on
# SQLite and on a PostgreSQL server on loopback (installed and started when missing):
# about 2 minutes; exits 1 when a p95 reaches 300 ms.
bench-findings: setup
	bash scripts/with-postgres.sh $(BIN)/python benchmarks/bench_findings_list.py

# Start-up time of the command line (help, checks, explain, a missing file), as new
# processes: a few seconds; exits 1 when a target is missed.
bench-startup: setup
	$(BIN)/python benchmarks/bench_startup.py

# Time and peak memory of the PII engine on one very long message (0.25, 0.5 and 1 MB):
# about 2 minutes.
bench-long-turn: setup
	$(BIN)/python benchmarks/bench_long_turn.py

# PII speed on 50,000 messages built from the public data sets in ../shared/data/:
# naive Presidio, spaCy's NER alone and the PII pack (about 5 minutes); exits 1 when a
# target is missed.
bench-pii-public: setup
	$(BIN)/python benchmarks/bench_pii_public.py

# Peak memory of a whole audit (with its worker processes) at 20,000 and 200,000
# conversations (about 40 minutes); exits 1 when the larger peaks above 1.5x the smaller.
bench-memory: setup
	$(BIN)/python benchmarks/bench_memory.py

# Throughput of --workers 1 and 2 on 50,000 conversations with every check, and the
# projection for a cluster (about 25 minutes); exits 1 when the reports differ.
bench-scaling: setup
	$(BIN)/python benchmarks/bench_scaling.py

eval: setup
	$(BIN)/python benchmarks/eval_bot_question.py
	$(BIN)/python benchmarks/eval_disclosure_answers.py
	$(BIN)/python benchmarks/eval_human_request.py
	$(BIN)/python benchmarks/eval_restatements.py
	$(BIN)/python benchmarks/eval_frustration.py
	$(BIN)/python benchmarks/eval_pii.py
	$(BIN)/python benchmarks/eval_pii_patterns.py

# Re-measure every detector and publish the figures the reports and the README show.
# A script whose targets are missed still publishes what it measured.
accuracy: setup
	-$(BIN)/python benchmarks/eval_bot_question.py --publish
	-$(BIN)/python benchmarks/eval_disclosure_answers.py --publish
	-$(BIN)/python benchmarks/eval_human_request.py --publish
	-$(BIN)/python benchmarks/eval_restatements.py --publish
	-$(BIN)/python benchmarks/eval_frustration.py --publish
	-$(BIN)/python benchmarks/eval_pii.py --publish
	$(BIN)/python benchmarks/accuracy_file.py

# Regenerate the Faker-generated labelled set of eval_pii_patterns.py (seeded; Faker comes
# with the `test` extra, which `setup` installs).
pii-patterns-faker-set: setup
	$(BIN)/python benchmarks/eval_pii_patterns.py --write-faker-set

clean:
	rm -rf out build dist *.egg-info
