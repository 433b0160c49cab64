# circlebot: `docker build -t circlebot .` then
#   docker run --env-file .env -p 3000:3000 circlebot                      (HTTP mode, jobs inside)
#   docker run --env-file .env circlebot circlebot run --no-scheduler      (extra web replica)
#   docker run --env-file .env circlebot circlebot scheduler               (jobs only)
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY bot ./bot
COPY handlers ./handlers
COPY jobs ./jobs
COPY storage ./storage
# The lock as constraints: the runtime dependencies only, at exactly the tested versions.
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir -c requirements.lock .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 circlebot
COPY --from=build /venv /venv
COPY --chown=circlebot manifest.yml /app/manifest.yml
RUN chown circlebot /app
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PORT=3000 LOG_FORMAT=json
WORKDIR /app
USER circlebot
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
    CMD python -c "import os,urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)"
CMD ["circlebot", "run"]
