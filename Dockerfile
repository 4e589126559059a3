# syntax=docker/dockerfile:1
# Multi-stage: wheels are built with a compiler in the first stage; the runtime image is
# slim Python 3.11 with only the installed packages, run as an unprivileged user.

FROM python:3.11-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY handlers ./handlers
COPY store ./store
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --upgrade pip \
    && /opt/venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LOG_FORMAT=json
RUN groupadd --system bot && useradd --system --gid bot --home-dir /app --shell /usr/sbin/nologin bot
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# The code is run from /app (seeds/ and locales/ are found next to the packages).
COPY --chown=bot:bot alembic.ini ./
COPY --chown=bot:bot bot ./bot
COPY --chown=bot:bot handlers ./handlers
COPY --chown=bot:bot store ./store
COPY --chown=bot:bot seeds ./seeds
COPY --chown=bot:bot locales ./locales
RUN mkdir -p /app/data && chown bot:bot /app/data
USER bot
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-m", "bot", "health"]
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
