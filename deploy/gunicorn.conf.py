"""gunicorn's settings for an app server: `gunicorn -c deploy/gunicorn.conf.py studygroup.wsgi`.

Used by the Procfile, the systemd unit and deploy/local-cluster alike. The app servers keep
nothing of their own (sessions, cache and queue are in PostgreSQL and Redis), so any number
of them can stand behind the proxy.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
graceful_timeout = 20
# Recycle a worker now and then, so a slow leak never grows; the jitter keeps them apart.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# gunicorn's control socket has one default path per user: two servers on one machine would
# fight over it. Reload with HUP instead (the systemd unit does).
control_socket_disable = True

# The proxy (deploy/haproxy.cfg) opens each connection with a PROXY protocol line naming the
# reader's address, so REMOTE_ADDR is the reader's, not the proxy's: rate limits and sign-in
# limits count per reader. Direct requests (a monitor's /healthz) still work without it.
# Only the proxy's addresses may send that line, or set X-Forwarded-Proto.
proxy_protocol = "auto"
proxy_allow_ips = os.environ.get("PROXY_ALLOW_IPS", "127.0.0.1,::1")
forwarded_allow_ips = proxy_allow_ips
