# Signpost: `make help` lists the targets. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
BOT_ARGS := --config bot/config.yml --domain bot/domain --data bot/data

.PHONY: help setup run test lint types validate train test-bot test-py test-scaled services lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

setup: ## Create or update .venv/ (pinned; a no-op when already up to date)
	@scripts/setup.sh

run: setup ## Set up, then run the whole service on the embedded default (Ctrl-C stops it)
	@$(PY) -m signpost.launcher

test: setup ## Set up, then run every check: lint, types, bot data, bot tests, pytest (both modes)
	@scripts/test.sh

lint: setup ## ruff: lint and import order
	$(VENV)/bin/ruff check .

types: setup ## mypy --strict on our packages
	$(VENV)/bin/mypy $$(cat scripts/typed-packages.txt) tests

validate: setup ## rasa data validate (domain, stories, rules, NLU)
	cd bot && ../$(RASA) data validate --config config.yml --domain domain --data data --fail-on-warnings

train: setup ## Train the assistant if no model matches the bot data (var/models/)
	$(PY) -m signpost.launcher.model

test-bot: train ## Conversation tests: rasa test with --fail-on-prediction-errors
	scripts/test_bot.sh

test-py: setup ## pytest on the embedded default (SQLite, Huey on SQLite)
	$(PY) -m pytest -m "not scaled"

test-scaled: setup services ## pytest's database and queue tests on PostgreSQL and Redis
	scripts/test_scaled.sh

services: ## Start the local PostgreSQL and Redis if they are not running
	@scripts/services.sh

lock: ## Re-resolve requirements/lock.txt from requirements/*.in (needs network)
	scripts/lock.sh

clean: ## Remove generated files (keeps .venv/)
	rm -rf var/* bot/results .mypy_cache .ruff_cache .pytest_cache .hypothesis
	touch var/.gitkeep

.PHONY: bench-gateway
bench-gateway: setup ## Gateway throughput and latency against the Twilio emulator and SMTP sink
	$(PY) -m benchmarks.gateway

.PHONY: catalogs catalogs-extract catalogs-init catalogs-update browser bench-leaflet
catalogs: setup ## Compile the gettext catalogs (locales/*/LC_MESSAGES/signpost.mo)
	$(PY) -m leaflets.catalog_build compile

catalogs-extract: setup ## Extract the leaflet's English messages into locales/signpost.pot
	$(PY) -m leaflets.catalog_build extract

catalogs-init: setup ## Create the .po of any language in locales/languages.tsv that has none
	$(PY) -m leaflets.catalog_build init

catalogs-update: setup ## Merge signpost.pot into every .po (new messages empty, old obsolete)
	$(PY) -m leaflets.catalog_build update

browser: ## Install Chromium and axe-core for the leaflet's browser tests, if missing
	scripts/browser.sh

bench-leaflet: setup ## Leaflet pages: compressed sizes; render and QR timings (median)
	$(PY) -m benchmarks.leaflet_pages
