PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export QT_QPA_PLATFORM ?= offscreen

.PHONY: test demo run bench bundle clean translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

demo: $(STAMP)
	env -u QT_QPA_PLATFORM $(PY) -m cogtotp_gui --demo

run: $(STAMP)
	env -u QT_QPA_PLATFORM $(PY) -m cogtotp_gui

clean:
	rm -rf build dist $(VENV) .pytest_cache
