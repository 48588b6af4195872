# Signpost: `make help` lists the targets. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
BOT_ARGS := --config bot/config.yml --domain bot/domain --data bot/data

.PHONY: help setup run test lint types validate train test-bot test-py test-scaled services lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-28s %s\n", $$1, $$2}'

setup: ## Create or update .venv/ (pinned; a no-op when already up to date)
	@scripts/setup.sh

run: setup ## Set up, then run the whole service on the embedded default (Ctrl-C stops it)
	@$(PY) -m signpost.launcher

test: setup ## Set up, then run every check: lint, types, bot data, bot tests, pytest (both modes)
	@scripts/test.sh

lint: setup ## ruff (lint, import order) and import-linter (package contracts in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

types: setup ## mypy --strict on our packages
	$(VENV)/bin/mypy $$(cat scripts/typed-packages.txt) tests

validate: setup ## rasa data validate (domain, stories, rules, NLU)
	cd bot && ../$(RASA) data validate --config config.yml --domain domain --data data --fail-on-warnings

train: setup ## Train the assistant if no model matches the bot data (var/models/)
	$(PY) -m signpost.launcher.model

test-bot: train ## Conversation tests: rasa test with --fail-on-prediction-errors
	scripts/test_bot.sh

test-py: setup ## pytest on the embedded default (SQLite, Huey on SQLite)
	$(PY) -m pytest -m "not scaled and not hosts"

test-scaled: setup services ## pytest's database and queue tests on PostgreSQL and Redis
	scripts/test_scaled.sh

services: ## Start the local PostgreSQL and Redis if they are not running
	@scripts/services.sh

lock: ## Re-resolve requirements/lock.txt from requirements/*.in (needs network)
	scripts/lock.sh

clean: ## Remove generated files (keeps .venv/)
	rm -rf var/* bot/results .mypy_cache .ruff_cache .import_linter_cache .pytest_cache .hypothesis
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

.PHONY: assistant-catalogs-extract assistant-catalogs-init assistant-catalogs-update test-assistant
assistant-catalogs-extract: setup ## Extract the assistant's responses (bot/domain) into locales/assistant.pot
	$(PY) -m assistant.catalog_build extract

assistant-catalogs-init: setup ## Create the assistant.po of any language that has none
	$(PY) -m assistant.catalog_build init

assistant-catalogs-update: setup ## Merge assistant.pot into every assistant.po (new messages empty)
	$(PY) -m assistant.catalog_build update

test-assistant: setup ## pytest for the assistant (no full stack): referrals, actions, NLG, web chat
	$(PY) -m pytest tests/assistant tests/referrals tests/chat -q -m "not stack"

.PHONY: test-portal
test-portal: setup ## pytest for the portal: audit chain, roles by URL, officer/supervisor/caseworker pages, demo data, Chromium journey
	$(PY) -m pytest tests/portal tests/audit tests/organisations -q

.PHONY: bench-dashboard
bench-dashboard: setup ## Supervisor dashboard query times at a million leaflet issues (SQLite; slow to fill)
	$(PY) -m benchmarks.dashboard --issues 1000000

.PHONY: bench-case-updates
bench-case-updates: setup ## Updates-due and Victims' Code compliance queries at 50,000 victims and 100,000 case events (SQLite)
	$(PY) -m benchmarks.case_updates --victims 50000 --events 100000

.PHONY: bench-throughput bench-latency bench-pages bench-memory bench-bulk
bench-throughput: setup services ## Gateway msg/s, real Huey workers 1/2/4, embedded and scaled (~6 min)
	$(PY) -m benchmarks.throughput

bench-latency: setup ## p50/p95/p99: officer send, leaflet link and page, 20 conversations (~4 min)
	$(PY) -m benchmarks.latency

bench-pages: setup ## Token link and leaflet page under load: 200 req/s open loop, and wrk (~2 min)
	$(PY) -m benchmarks.pages_load

REF ?= HEAD~1
.PHONY: bench-cpu
bench-cpu: setup services ## CPU-ms per SMS over every process, embedded and scaled, against REF=<git ref> in the same run (~4 min)
	$(PY) -m benchmarks.cpu_per_message --ref $(REF)

bench-memory: setup ## Memory of every process, idle and under load; Rasa model load time (~4 min)
	$(PY) -m benchmarks.memory

REFERRALS ?= 200000
bench-bulk: setup services ## 1M leaflet issues and REFERRALS=200000 referrals on PostgreSQL; dashboard and inbox query timings (~5 min)
	$(PY) -m benchmarks.bulk_data --referrals $(REFERRALS)

.PHONY: bench-nlu
bench-nlu: setup ## NLU: train on bot/data/nlu, score held-out bot/nlu_eval per language, danger recall (~10 min)
	$(PY) -m benchmarks.nlu_eval

.PHONY: bench-conversation
bench-conversation: setup ## Blind set as new phones' first texts through the SMS path: right behaviour, danger recall, reply language, latency (~15 min)
	$(PY) -m benchmarks.conversation

# The probe's attacks, each replayed by a test (docs/security.md, "Attacks replayed").
SECURITY_TESTS := \
  tests/portal/test_admin_login.py tests/portal/test_second_factor.py \
  tests/portal/test_small_findings.py tests/hardening/test_behind_proxy.py \
  tests/ratelimits/test_client_address.py tests/messaging/test_sender_limit.py tests/messaging/test_relay_queue.py \
  tests/chat/test_chat_limits.py tests/audit/test_admin_back_door.py \
  tests/audit/test_admin_memberships.py tests/audit/test_chain.py tests/audit/test_key_rotation.py \
  tests/hardening/test_typed_contacts.py tests/hardening/test_typed_names.py \
  tests/hardening/test_append_only_parents.py tests/hardening/test_deployment_commands.py \
  tests/test_shared_secrets.py tests/test_production_settings.py tests/api/test_probe_findings.py \
  tests/channels/test_email.py::test_signed_mail_up_to_5_mib_is_taken_and_larger_gets_413 \
  tests/messaging/test_claims.py::test_a_replayed_21610_does_not_opt_out_again_a_victim_who_texted_start \
  tests/api/test_issues.py::test_a_support_services_key_cannot_issue_leaflets_even_with_the_scope \
  tests/assistant/test_needs_and_consent.py::test_erasure_request_only_once_confirmed \
  tests/assistant/test_needs_and_consent.py::test_the_consent_evidence_keeps_the_replies_without_a_name_or_number \
  tests/assistant/test_data_requests.py::test_menu_6_asks_for_confirmation_instead_of_deleting
SECURITY_STACK_TESTS := tests/test_stack_personal_data.py \
  tests/test_stack_e2e.py::test_rasa_and_the_action_server_refuse_callers_without_the_shared_secret \
  tests/test_stack_e2e.py::test_a_typed_safe_number_reaches_the_action_but_not_the_tracker_store

.PHONY: test-security
test-security: setup ## The probe's attacks replayed as tests (docs/security.md), then the whole-stack ones (embedded; ~5 min)
	$(PY) -m pytest -q -p no:cacheprovider $(SECURITY_TESTS)
	$(PY) -m pytest -q -p no:cacheprovider -k embedded $(SECURITY_STACK_TESTS)

.PHONY: test-hardening test-faults test-hosts purge-due
test-hardening: setup ## Hardening: hostile input, forged webhooks, encryption, retention, log scan
	$(PY) -m pytest tests/hardening -m "not faults" -q -p no:cacheprovider

test-faults: setup services ## Fault tests on real processes: SIGKILL, provider storm, SMTP/PostgreSQL/Rasa down
	$(PY) -m pytest tests/hardening -m faults -s -p no:cacheprovider

test-hosts: setup train ## The scaled layout on network namespaces as 7 hosts (root): a burst, partitions, a lost host
	$(PY) -m pytest tests/hosts -m hosts -s -p no:cacheprovider

purge-due: setup ## Retention: erase what is past its period now (DRY_RUN=1 only counts)
	$(PY) manage.py purge_due $(if $(DRY_RUN),--dry-run,)

.PHONY: bench-provision
bench-provision: setup ## Provision query (crime reports vs leaflet issues) and crime-report loading times
	$(PY) -m benchmarks.provision --issues 1000000 --reports 100000 --runs 3
