# IssuePipe: `make demo` converts the bundled samples, `make test` runs the tests.
# Both install the Debian packages they need first (as root; sudo otherwise).

SWIFT        ?= swift
# Release binaries link the Swift runtime statically: ~10 ms less start-up per
# process, which counts when a batch starts one worker per file.
RELEASE_FLAGS ?= -c release --static-swift-stdlib
CONFIG       ?= debug
BIN          := .build/$(CONFIG)/issuepipe
# Everything the code needs at run time, listed one by one: --no-install-recommends
# leaves out what the libraries only recommend. poppler-data: the predefined CMaps
# (UniGB-UCS2-H, GBK-EUC-H, …) and CID-to-Unicode tables, without which Chinese PDFs
# whose fonts use them extract as nothing (libpoppler only recommends it).
# fonts-noto-cjk: the font poppler draws Chinese text with when a PDF does not embed
# its font (OCR input, inspect images); serif and sans, SC/TC/JP/KR.
# tesseract-ocr-chi-sim: the pipelines' ocr.languages (default chi_sim); eng for
# Latin text. No tesseract-ocr-osd: no pipeline uses page segmentation modes 0/1.
# poppler-utils: pdftotext, the tests' independent witness of poppler's errors.
# `issuepipe doctor` checks the run-time ones.
# libsqlite3-dev: the archive (index, search, archive check) is SQLite through GRDB,
# which links the system SQLite and its FTS5.
APT_PACKAGES := libpoppler-glib-dev libtesseract-dev libleptonica-dev pkg-config \
                poppler-data fonts-noto-cjk tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils \
                libsqlite3-dev
TEST_PACKAGES := chromium fonts-wqy-zenhei
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps pydeps build release demo test bench eval-pydeps eval-deps eval eval-tuning eval-samples eval-test clean

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

demo: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	@mkdir -p out
	@for pdf in Samples/*.pdf; do \
	  name=$$(basename $$pdf .pdf); \
	  echo "convert $$pdf -> out/$$name.json (stage dumps in out/$$name.stages/)"; \
	  .build/release/issuepipe convert $$pdf -o out/$$name.json --stages out/$$name.stages || exit 1; \
	done

# The HTML report is tested in headless Chromium, with a CJK font for its screenshot.
test-deps: deps
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The tests check the schema against a well-kept validator (python jsonschema) and run the
# evaluation's scorer (Benchmarks/eval.py: the variant regression test, its own pytest tests).
pydeps:
	@python3 -c 'import jsonschema, pytest' 2>/dev/null || python3 -m pip install --quiet jsonschema pytest \
	  || python3 -m pip install --quiet --user --break-system-packages jsonschema pytest

test: test-deps pydeps
	$(SWIFT) build --build-tests
	python3 -m py_compile Benchmarks/bench.py Benchmarks/archive_bench.py   # the benchmark harnesses must not rot
	python3 -m pytest -q -p no:cacheprovider Benchmarks/test_eval.py   # the evaluation's scorer
	$(SWIFT) test --skip-build --disable-xctest   # every test uses Swift Testing

# Benchmarks against pdftotext (also under GNU parallel) and the tesseract CLI, printed as
# Markdown tables (see BENCHMARKS.md). Run on a quiet machine; CI does not run them.
# A before-and-after run: make bench BENCH_ARGS="--baseline /path/to/older/issuepipe"
bench: deps
	@for p in qpdf tesseract-ocr parallel; do dpkg -s $$p >/dev/null 2>&1 || MISSING="$$MISSING $$p"; done; \
	if [ -n "$$MISSING" ]; then $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$MISSING; fi
	$(SWIFT) build $(RELEASE_FLAGS)
	python3 Benchmarks/bench.py $(BENCH_ARGS)
	python3 Benchmarks/archive_bench.py $(ARCHIVE_BENCH_ARGS)   # index and search: 10,000 articles

# Field-level evaluation on generated layout variants (Benchmarks/README.md): generate,
# convert, score against the truth, report (out/eval*/report.md and report.json).
# Two disjoint seed sets: tuning seeds 1000-1999 (look at them while developing:
# make eval-tuning), fresh seeds 9000 and up (reporting only, never looked at while
# tuning: make eval). 20 seeds x 3 kinds = 60 variants; 2 conversions at a time.
#   make eval SEED=9000 N=20        make eval-tuning SEED=1000 N=6 EVAL_KINDS=born
EVAL_KINDS ?= born,scanned,broken-or-mixed
EVAL_JOBS  ?= 2
EVAL_RUN    = python3 Benchmarks/eval.py run --kinds $(EVAL_KINDS) --jobs $(EVAL_JOBS) --count $(or $(N),20)

# What the generator's producers need (fonts, Chromium, LibreOffice; its pip pins in
# Samples/generator/requirements.txt) and the scorer's pins (Benchmarks/requirements.txt).
EVAL_APT := fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei fonts-wqy-microhei fonts-noto-cjk \
            chromium libreoffice-writer poppler-utils
eval-pydeps:
	@python3 -m pip install -q -r Benchmarks/requirements.txt 2>/dev/null \
	  || python3 -m pip install -q --break-system-packages -r Benchmarks/requirements.txt

eval-deps: eval-pydeps
	@missing=$$(for p in $(EVAL_APT); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@python3 -m pip install -q -r Samples/generator/requirements.txt 2>/dev/null \
	  || python3 -m pip install -q --break-system-packages -r Samples/generator/requirements.txt

eval: release eval-deps
	$(EVAL_RUN) --set fresh --seed-start $(or $(SEED),9000) --out out/eval $(EVAL_ARGS)

eval-tuning: release eval-deps
	$(EVAL_RUN) --set tuning --seed-start $(or $(SEED),1000) --out out/eval-tuning $(EVAL_ARGS)

# The bundled Samples/*.pdf, scored against Samples/expected (a made-up variant section).
eval-samples: release eval-pydeps
	python3 Benchmarks/eval.py samples --out out/eval-samples --jobs $(EVAL_JOBS) $(EVAL_ARGS)

# The scorer's own tests (hand-made truth/output pairs; no binary needed).
eval-test: eval-pydeps
	python3 -m pytest -q -p no:cacheprovider Benchmarks/test_eval.py

# Layout variants of the sample issues with their truth (dev only, Samples/README.md):
#   make variants SEED=1000 N=20 [KINDS=born,scanned,broken-or-mixed] [OUT=out/variants]
#                 [PRODUCERS=reportlab,chromium,libreoffice] [JOBS=2]
.PHONY: variants
variants: SEED ?= 1000
variants: N ?= 20
variants: KINDS ?= born,scanned,broken-or-mixed
variants: OUT ?= out/variants
variants:
	python3 Samples/generator/make_layout_variants.py --seeds $(SEED)-$$(( $(SEED) + $(N) - 1 )) \
	  --kinds $(KINDS) --out $(OUT) $(if $(PRODUCERS),--producers $(PRODUCERS)) $(if $(JOBS),--jobs $(JOBS))

# The committed regression variants (Samples/variants/, Samples/README.md): remade from their seeds.
REGRESSION_VARIANTS := 1002:born 1013:born 1028:born 1010:scanned 1019:scanned 1024:broken 1025:mixed
.PHONY: regression-variants
regression-variants:
	@for item in $(REGRESSION_VARIANTS); do \
	  python3 Samples/generator/make_layout_variants.py --seeds $${item%%:*} --kinds $${item##*:} --out Samples/variants || exit 1; \
	done

clean:
	rm -rf .build out
