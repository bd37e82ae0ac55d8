# syntax=docker/dockerfile:1
# One recipe, four images: docker build --build-arg SERVICE=<name> -f deploy/service.Dockerfile .
# Each image carries its own service and only the workspace packages it depends on, installed as wheels
# (non-editable) from uv.lock; no source tree, no other service, no dev tools. Refresh the digest with
# `docker buildx imagetools inspect python:3.11-slim-bookworm` when the base image is patched.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:2e32f7d302adc1c37428355c1e646897c0c53f4fd60b6a551245fb90ee129f91

FROM ${PYTHON_IMAGE} AS build
ARG SERVICE
ARG UV_VERSION=0.13.8
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PYTHON_PREFERENCE=only-system \
    UV_PROJECT_ENVIRONMENT=/opt/venv PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
WORKDIR /src
# The whole workspace is needed to resolve the lock; only the wheels it builds leave this stage.
COPY . .
RUN test -n "$SERVICE" && uv sync --frozen --no-dev --no-editable --package "$SERVICE" \
    && rm -f /opt/venv/bin/uv /opt/venv/bin/uvx

FROM ${PYTHON_IMAGE}
ARG SERVICE
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=https://example.invalid/hanoi-learning-city
LABEL org.opencontainers.image.title="learningcity-${SERVICE}" \
      org.opencontainers.image.description="The ${SERVICE} service of the Hanoi Learning City platform" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent learningcity
COPY --from=build /opt/venv /opt/venv
# bootstrap.py finds its migrations at parents[2]/migrations: site-packages/<svc>/bootstrap.py -> lib/python3.11
COPY services/${SERVICE}/migrations /opt/venv/lib/python3.11/migrations
ENV PATH=/opt/venv/bin:$PATH SERVICE=${SERVICE} PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# Read-only root filesystem friendly: nothing is written at run time (bytecode compiled at build).
USER 10001:10001
EXPOSE 8000 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=6 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/ready', timeout=2).status != 200)"]
# Migrations first as the schema's owner (<SVC>_MIGRATION_DATABASE_URL; idempotent, locked), then the API,
# outbox relay and consumers in one process as the runtime role (<SVC>_DATABASE_URL): `serve` never holds
# the owner's URL, so a compromised process cannot change the schema. Compose and Kubernetes run the two
# steps as separate containers (a one-shot / a Job) and give `serve` no owner URL at all.
CMD ["sh", "-c", "python -m \"$SERVICE\" migrate && exec env -u \"$(echo \"$SERVICE\" | tr a-z A-Z)_MIGRATION_DATABASE_URL\" python -m \"$SERVICE\" serve"]
