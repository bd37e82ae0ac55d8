# One image recipe for every service: docker build --build-arg SERVICE=<name> -f deploy/service.Dockerfile .
FROM python:3.11-slim AS build
COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PYTHON_PREFERENCE=only-system
ARG SERVICE
WORKDIR /app
COPY . .
RUN test -n "$SERVICE" && uv sync --frozen --no-dev --package "$SERVICE"

FROM python:3.11-slim
ARG SERVICE
RUN useradd --system --uid 10001 --home /app learningcity
COPY --from=build --chown=root:root /app /app
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH SERVICE=${SERVICE} PYTHONUNBUFFERED=1
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/ready').status != 200)"
# Migrations first as the schema's owner (<SVC>_MIGRATION_DATABASE_URL; idempotent, locked), then the API,
# outbox relay and consumers in one process as the runtime role (<SVC>_DATABASE_URL): `serve` never holds
# the owner's URL, so a compromised process cannot change the schema.
CMD ["sh", "-c", "python -m \"$SERVICE\" migrate && exec env -u \"$(echo \"$SERVICE\" | tr a-z A-Z)_MIGRATION_DATABASE_URL\" python -m \"$SERVICE\" serve"]
