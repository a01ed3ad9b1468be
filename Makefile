# Two commands set everything up: `make run` and `make test`.
VENV := .venv
PYTHON := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench load lint audit messages fidelity

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.txt
	$(PYTHON) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PYTHON) -m pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py demo --if-empty
	$(PYTHON) manage.py runserver 127.0.0.1:8000

# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
test: $(VENV)/.installed-dev
	$(PYTHON) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Every benchmark of bench/, one JSON document (bench/bench.sqlite3, or $DATABASE_URL).
bench: $(VENV)/.installed-dev
	@$(PYTHON) bench/run.py

# The pages under real load (gunicorn, production settings, wrk): see bench/load.py.
load: $(VENV)/.installed-dev
	$(PYTHON) bench/load.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

# Every pinned package, and what it pulls in, against the vulnerability database: fails on a
# vulnerability that has a fixed release, prints a notice when the database is out of reach.
audit: $(VENV)/.installed-dev
	$(PYTHON) .ci/audit.py requirements.txt requirements-dev.txt

messages: $(VENV)/.installed-dev
	$(PYTHON) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench
	$(PYTHON) manage.py compilemessages -l zh_Hans --ignore=.venv

# The seed years replayed through the pages and scored against their fact lists
# (tests/fidelity/); FIDELITY_REPORT=json prints the report as JSON instead.
fidelity: $(VENV)/.installed-dev
	@# FIDELITY_RAISE=1 raises tests/fidelity/ratchet.json to the shares reached.
	FIDELITY_REPORT=$${FIDELITY_REPORT:-text} $(PYTHON) -m pytest tests/fidelity -m fidelity -s -q -p no:cacheprovider --tb=short --no-migrations
