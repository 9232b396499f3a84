# `make run` and `make test` work on a fresh machine: each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format typecheck pytest bench pot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m bot run

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q -n auto

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks print figures; they are run by hand, never by `make test`.
bench: $(STAMP)
	$(BIN)/python -m bench.idle_rss
	$(BIN)/python -m bench.match_quality
	$(BIN)/python -m bench.match_speed
	$(BIN)/python -m bench.match_startup
	$(BIN)/python -m bench.search_speed
	$(BIN)/python -m bench.announce

# Refresh the template of message keys from the code (Babel).
pot: $(STAMP)
	$(BIN)/pybabel extract --no-location --omit-header -k t -k N_ -o locales/bot.pot bot
	$(BIN)/python -m bot.i18n locales/bot.pot  # extraction cannot see which keys are plural

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
