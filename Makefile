# Two commands do everything on a fresh machine:
#   make demo   set up, then audit the bundled fixtures into out/report.{json,html,pdf}
#   make test   set up, then run the test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SETUP_STAMP := $(VENV)/.setup-complete

.PHONY: setup demo test lint eval accuracy pii-patterns-faker-set clean

setup: $(SETUP_STAMP)

$(SETUP_STAMP): pyproject.toml scripts/ensure-system-packages.sh
	bash scripts/ensure-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing the project and its dependencies into $(VENV) (log: $(VENV)/setup.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/setup.log 2>&1 \
		&& $(BIN)/python -m pip install -e '.[test]' >> $(VENV)/setup.log 2>&1 \
		|| { tail -n 40 $(VENV)/setup.log; exit 1; }
	touch $@

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

test: setup
	bash scripts/ensure-system-packages.sh --browser
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check auditor checks tests benchmarks
	$(BIN)/mypy

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
