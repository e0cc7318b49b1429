"""gunicorn settings for `make serve` and production (`gunicorn -c factcheck/project/gunicorn.conf.py`).

Every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
# Threaded workers: a slow or idle client holds one thread, not a whole
# worker, so a few of them cannot stop the site even without nginx in front
# (docs/deployment.md; nginx buffers them all in production). The work is
# mostly waiting on PostgreSQL and Redis, so threads per core pay off; each
# thread keeps its own database connection (CONN_MAX_AGE). gunicorn's gthread
# worker gives each new connection a thread at once, before it has sent
# anything, and the kernel hands most connections to one worker: with 8
# threads, 8 idle or trickling sockets landing on one worker stopped it (a
# /healthz probe waited out its 5 s). 16 threads leave a worker free threads
# with all of them on it.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
# Recycle workers now and then so a slow leak can never take the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
wsgi_app = "factcheck.project.wsgi:application"
# Trust X-Forwarded-* only from the proxy in front (nginx or the CDN's edge).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
