"""gunicorn for `make run`: threads (gthread), each holding at most one database connection.

WORKERS and THREADS come from the Makefile (2 × 4 on the 2-core machine: see
docs/operations.md). Before the first worker starts, the master checks that workers ×
threads fits in the database's connections and refuses to start otherwise.
"""

import os
import sys

worker_class = "gthread"
timeout = 60
accesslog = "-"
errorlog = "-"
# No runtime control socket: nothing here uses gunicornc, and its default path in $HOME is
# shared by every gunicorn of the account (make run, the tests, the load benchmark).
control_socket_disable = True


def on_starting(server):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.exceptions import ImproperlyConfigured

    from fazhi.core.serving import check_web_connections

    try:
        check_web_connections(server.cfg.workers, server.cfg.threads)
    except ImproperlyConfigured as refusal:
        print(f"拒绝启动：{refusal}", file=sys.stderr)
        sys.exit(2)
