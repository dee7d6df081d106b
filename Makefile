# Two commands a newcomer needs: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR := $(abspath $(or $(MUTUALITY_DATA_DIR),data))
INSTALLED := $(VENV)/.installed

.PHONY: run test ui dashboard dashboard-screenshots chromium lint sample manifest metrics benchmark clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $@

## Run the whole job on the bundled sample: generate exports, ingest, build and test dbt.
run: $(INSTALLED)
	$(BIN)/python -m orchestration run

## Lint and run every test (what CI runs).
test: $(INSTALLED) lint chromium
	$(BIN)/pytest

## The system Chromium the dashboard's browser test drives (Debian's package, via apt-get).
chromium:
	@command -v chromium >/dev/null 2>&1 || test -n "$$MUTUALITY_CHROMIUM" || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing chromium for the dashboard's browser test (apt-get)"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || { \
				DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && \
				DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
		else \
			echo "The dashboard's browser test needs Chromium: run 'sudo apt-get install -y chromium'" \
				"or set MUTUALITY_CHROMIUM to a Chromium or Chrome executable." >&2; exit 1; \
		fi; }

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd dbt_project && MUTUALITY_WAREHOUSE_PATH=$(DATA_DIR)/lint/lint.duckdb \
		DBT_TARGET_PATH=$(DATA_DIR)/lint/target DBT_LOG_PATH=$(DATA_DIR)/lint/logs \
		../$(BIN)/sqlfluff lint models --processes 2

## The Dagster UI on the same code location (http://127.0.0.1:3000).
ui: $(INSTALLED)
	mkdir -p $(DATA_DIR)/dagster_home
	test -f $(DATA_DIR)/dagster_home/dagster.yaml || \
		printf 'telemetry:\n  enabled: false\n' > $(DATA_DIR)/dagster_home/dagster.yaml
	DAGSTER_HOME=$(DATA_DIR)/dagster_home $(BIN)/dagster dev -m orchestration.definitions

## The dashboard on the published BI file (http://127.0.0.1:8501; PORT=N to change it).
dashboard: $(INSTALLED)
	$(BIN)/python -m dashboard --data-dir $(DATA_DIR) $(if $(PORT),--port $(PORT))

## Re-take the dashboard screenshots in docs/dashboard/ (runs the browser test on the sample).
dashboard-screenshots: $(INSTALLED) chromium
	MUTUALITY_DASHBOARD_SCREENSHOTS=$(abspath docs/dashboard) $(BIN)/pytest tests/dashboard -q

## Regenerate the sample exports (SCALE=small|large).
sample: $(INSTALLED)
	$(BIN)/python -m sample_exports --scale $(or $(SCALE),small)

## The scale benchmark (not part of `make test`): SCALES="medium large" by default.
benchmark: $(INSTALLED)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev,bench]'
	$(BIN)/python -m benchmarks --results benchmarks/results $(if $(SCALES),--scales $(SCALES))

manifest: $(INSTALLED)
	$(BIN)/python -m orchestration.manifest

## The semantic layer (docs/metrics.md) on the working warehouse, read-only: `make metrics` lists
## the metrics, `make metrics Q='--metrics comment_reply_rate --group-by creator'` runs `mf query`.
## mf reads dbt_project/target/semantic_manifest.json, re-parsed when the project changes.
MF_ENV := MUTUALITY_DBT_TARGET=metrics DBT_TARGET_PATH=target DBT_LOG_PATH=$(DATA_DIR)/dbt/mf_logs \
	MUTUALITY_WAREHOUSE_PATH=$(or $(MUTUALITY_WAREHOUSE_PATH),$(DATA_DIR)/warehouse/mutuality.duckdb)
SEMANTIC_MANIFEST := dbt_project/target/semantic_manifest.json

$(SEMANTIC_MANIFEST): $(INSTALLED) dbt_project/dbt_project.yml dbt_project/profiles.yml \
		$(shell find dbt_project/models dbt_project/macros -type f)
	cd dbt_project && $(MF_ENV) ../$(BIN)/dbt parse --quiet

metrics: $(SEMANTIC_MANIFEST)
	cd dbt_project && $(MF_ENV) ../$(BIN)/mf $(if $(Q),query $(Q),list metrics)

clean:
	rm -rf $(DATA_DIR)
