# Two commands on a fresh machine:  make book  and  make test  (see README.md).
PYTHON ?= python3
NPM ?= npm
AXE_VERSION ?= 4.10.3

.PHONY: install install-test book student test benchmark serve clean

install:
	$(PYTHON) -m pip install --quiet -e ".[book]"

install-test:
	$(PYTHON) -m pip install --quiet -e ".[test]"
	$(NPM) install --silent --no-audit --no-fund --prefix tests/.node axe-core@$(AXE_VERSION)

book: install
	$(PYTHON) tools/build_edition.py instructor

student: install
	$(PYTHON) tools/build_edition.py student

test: install-test
	$(PYTHON) -m pytest

benchmark: install-test
	$(PYTHON) benchmarks/run.py

serve:
	$(PYTHON) -m http.server --directory _build/html 8000

clean:
	rm -rf _build
