# Stockroom: one entry point for building, testing and running.
#   make run    install what is missing, build, create the demo database, serve it from a
#               local sync server, join a workstation to it, and open the desktop app
#   make test   install what is missing, build, run the whole test suite
#   make bench  build and run the benchmarks (model_bench, sync_bench, app_bench, stockroom-load,
#               and on PostgreSQL stockroom-load against a same-run pgbench baseline)
#   make screenshots  every main screen in English and Korean, into docs/screenshots/
#   make package  the Debian packages stockroom, stockroom-cli and stockroom-server, into dist/
#   make test-sanitize  the whole suite under AddressSanitizer and UndefinedBehaviorSanitizer,
#               and the server's threaded tests under ThreadSanitizer
#   make fuzz   each fuzz harness for FUZZ_SECONDS (default 60), with clang 16 and libFuzzer

BUILD_DIR   ?= build
BUILD_TYPE  ?= RelWithDebInfo
BENCH_DIR   ?= build-release
PACKAGE_DIR ?= build-package
DIST_DIR    ?= dist
DEMO_DIR    ?= demo
DEMO_DB     ?= $(DEMO_DIR)/stockroom-demo.db
DEMO_KEY    ?= demo-passphrase
DEMO_WS     ?= $(DEMO_DIR)/workstation.db
DEMO_PORT   ?= 8765
DEMO_HTTP   ?= 8766
JOBS        ?= $(shell nproc)
ASAN_DIR    ?= build-asan
TSAN_DIR    ?= build-tsan
FUZZ_DIR    ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZERS     := http_request rest_body protocol scan csv

# Debian 12 packages the build, the tests and the tools need.
DEBIAN_PACKAGES := \
	g++ make cmake ninja-build pkg-config git clang-format dpkg-dev \
	qt6-base-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev \
	qt6-tools-dev qt6-l10n-tools qt6-translations-l10n fonts-noto-cjk \
	libsqlcipher-dev sqlcipher libssl-dev libsodium-dev qtkeychain-qt6-dev libzint-dev \
	libqt6sql6-psql \
	libgtest-dev libgmock-dev openssl desktop-file-utils appstream \
	xvfb xauth imagemagick xdotool zbar-tools
# The fuzzing toolchain (make fuzz only): clang 16 with libc++, as Debian's clang 14 cannot
# compile libstdc++ 12's <expected>.
FUZZ_PACKAGES := clang-16 libc++-16-dev libc++abi-16-dev libclang-rt-16-dev
# The PostgreSQL server, for the server's tests on PostgreSQL (a throwaway cluster) and the
# pgbench baseline. Without it those tests are skipped, and say why.
OPTIONAL_PACKAGES := postgresql

CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
ifneq ($(CI),)
CMAKE_FLAGS += -DSTOCKROOM_WERROR=ON
endif

.PHONY: all deps fuzz-deps configure build test soak test-sanitize test-sanitize-ci test-asan test-tsan fuzz run demo screenshots bench bench-postgresql package format format-check clean

all: build

deps:
	@installed() { dpkg-query -W -f='$${Status}\n' $$1 2>/dev/null | grep -q '^install ok installed$$'; }; \
	missing=$$(for p in $(DEBIAN_PACKAGES); do installed $$p || echo $$p; done); \
	optional=$$(for p in $(OPTIONAL_PACKAGES); do installed $$p || echo $$p; done); \
	if [ -z "$$missing$$optional" ]; then exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then \
		if [ -n "$$optional" ]; then echo "Not installed (optional; its tests will be skipped):" $$optional; fi; \
		if [ -n "$$missing" ]; then echo "Run as root:  apt-get install -y" $$missing; exit 1; fi; \
		exit 0; \
	fi; \
	apt-get update -qq; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing || exit 1; \
	fi; \
	if [ -n "$$optional" ]; then \
		echo "Installing optional Debian packages:" $$optional; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$optional \
			|| echo "Could not install $$optional; the PostgreSQL tests will be skipped."; \
	fi

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: deps
	$(MAKE) build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) --timeout 600 -LE slow

# The long runs, labelled slow in ctest, which make test leaves out: the fault property test
# with 2,000 seeded schedules instead of 200.
soak: deps
	$(MAKE) build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --timeout 7200 -L slow

# Sanitizers, each in its own build folder, with the reviewed suppressions of
# tests/sanitizers/ (Debian's Qt and libraries are not instrumented). Every finding stops
# the program, so a test that meets one fails. The format and translation checks, which
# compile nothing, are left out.
SANITIZER_SKIP := format_check|translations_check
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$(CURDIR)/tests/sanitizers/ubsan.supp
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/sanitizers/tsan.supp
# The server's threaded tests: its writer and reader pools, group commit, the strategies,
# two instances, and the load runs that check every write was applied once.
TSAN_TESTS := RestGroup|Strateg|Instances|HttpFront|Exhaustion|LoadAccuracy

test-sanitize: deps
	$(MAKE) test-asan
	$(MAKE) test-tsan

test-asan:
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DSTOCKROOM_SANITIZE=address,undefined -DSTOCKROOM_BUILD_BENCH=OFF $(SANITIZE_FLAGS)
	cmake --build $(ASAN_DIR) -j $(JOBS)
	$(ASAN_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) --timeout 1200 \
		-LE slow -E '$(SANITIZER_SKIP)' $(SANITIZE_TESTS)

# CI's share of the sanitizers, to keep the whole run under 45 minutes on 2 cores: the
# fuzz corpora replayed, the protocol's decoders and the core's tests (domain, ledger,
# storage, services), under AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_CI_TARGETS := fuzz_http_request fuzz_rest_body fuzz_protocol fuzz_scan fuzz_csv \
	protocol_test model_test
test-sanitize-ci:
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DSTOCKROOM_SANITIZE=address,undefined -DSTOCKROOM_BUILD_BENCH=OFF $(SANITIZE_FLAGS)
	cmake --build $(ASAN_DIR) -j $(JOBS) --target $(ASAN_CI_TARGETS)
	$(ASAN_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) --timeout 1200 \
		-LE slow -L '^(fuzz|protocol_test|model_test)$$'

test-tsan:
	cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DSTOCKROOM_SANITIZE=thread $(SANITIZE_FLAGS)
	cmake --build $(TSAN_DIR) -j $(JOBS) --target server_test stockroom-server stockroom-load
	$(TSAN_ENV) ctest --test-dir $(TSAN_DIR) --output-on-failure -j $(JOBS) --timeout 1200 \
		-LE slow -R '$(TSAN_TESTS)'

fuzz-deps: deps
	@installed() { dpkg-query -W -f='$${Status}\n' $$1 2>/dev/null | grep -q '^install ok installed$$'; }; \
	missing=$$(for p in $(FUZZ_PACKAGES); do installed $$p || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then echo "Run as root:  apt-get install -y" $$missing; exit 1; fi; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# Each harness runs FUZZ_SECONDS from its seed corpus, one after another; what it finds new
# goes to $(FUZZ_DIR)/corpus/<name> (copy what is worth keeping into tests/fuzz/corpus/),
# a crash to $(FUZZ_DIR)/crash-*. The figures libFuzzer prints are recorded in docs/fuzzing.md.
fuzz: fuzz-deps
	CC=clang-16 CXX=clang++-16 cmake -S . -B $(FUZZ_DIR) -G Ninja \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTOCKROOM_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS))
	@set -e; for name in $(FUZZERS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$name; \
		echo "== $$name: $(FUZZ_SECONDS) s"; \
		$(FUZZ_DIR)/bin/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_DIR)/ \
			$(FUZZ_DIR)/corpus/$$name tests/fuzz/corpus/$$name; \
	done

# The demo database is the sync server's; a workstation database joins it (the first time
# it pulls the whole demo, about 30 s) and syncs on later runs; then the app opens on it
# (without a display, its stock summary is printed). The server runs while the app does,
# and only the process started here is stopped.
run: deps
	$(MAKE) build
	$(MAKE) demo
	@set -e; export STOCKROOM_DB_KEY=$(DEMO_KEY); bin=$(BUILD_DIR)/bin; \
	if [ ! -s $(DEMO_DIR)/workstation.token ]; then \
		(umask 077; $$bin/stockroom-server token issue --db $(DEMO_DB) \
			--name "demo-workstation-$$(date +%s)" --role manager > $(DEMO_DIR)/workstation.token); \
	fi; \
	if [ ! -f $(DEMO_DIR)/signing.key ]; then \
		$$bin/stockroom-server keygen --signing-key $(DEMO_DIR)/signing.key > /dev/null; \
	fi; \
	$$bin/stockroom-server serve --db $(DEMO_DB) --listen 127.0.0.1:$(DEMO_PORT) \
		--http 127.0.0.1:$(DEMO_HTTP) --signing-key $(DEMO_DIR)/signing.key \
		2> $(DEMO_DIR)/server.log & server=$$!; \
	trap 'kill $$server 2>/dev/null; wait $$server 2>/dev/null || true' EXIT; \
	for i in $$(seq 50); do grep -q event=listening $(DEMO_DIR)/server.log && break; sleep 0.2; done; \
	if ! grep -q event=listening $(DEMO_DIR)/server.log; then cat $(DEMO_DIR)/server.log; exit 1; fi; \
	echo "Sync server on ws://127.0.0.1:$(DEMO_PORT), REST API and metrics on" \
		"http://127.0.0.1:$(DEMO_HTTP) (log: $(DEMO_DIR)/server.log)"; \
	if [ ! -f $(DEMO_WS) ]; then \
		$$bin/stockroom-cli join --db $(DEMO_WS) --server ws://127.0.0.1:$(DEMO_PORT) \
			--token-file $(DEMO_DIR)/workstation.token --timeout 300; \
	else \
		$$bin/stockroom-cli sync --db $(DEMO_WS); \
	fi; \
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "Opening the workstation; sign in as mina, password stockroom-demo."; \
		$$bin/stockroom --db $(DEMO_WS); \
	else \
		echo "No display: the workstation's stock instead of its window."; \
		$$bin/stockroom-cli stock --db $(DEMO_WS) --summary; \
	fi

# The demo database, made once.
demo: build
	@mkdir -p $(DEMO_DIR)
	@if [ ! -f $(DEMO_DB) ]; then \
		STOCKROOM_DB_KEY=$(DEMO_KEY) $(BUILD_DIR)/bin/stockroom-cli demo --db $(DEMO_DB); \
	fi

# Every main screen in English and Korean, from the real app under Xvfb, into
# docs/screenshots/. Look at them after changing a screen.
screenshots: deps
	$(MAKE) demo
	tools/screenshots.sh $(BUILD_DIR)/bin $(DEMO_DB) $(DEMO_KEY) docs/screenshots

# The Debian packages, from a Release build of the three programs (installer/).
package: deps
	cmake -S . -B $(PACKAGE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTOCKROOM_WERROR=ON \
		-DSTOCKROOM_BUILD_TESTS=OFF -DSTOCKROOM_BUILD_BENCH=OFF
	cmake --build $(PACKAGE_DIR) -j $(JOBS) --target stockroom stockroom-cli stockroom-server
	cd $(PACKAGE_DIR) && cpack -G DEB -B $(abspath $(DIST_DIR))
	@rm -rf $(DIST_DIR)/_CPack_Packages
	@ls -l $(DIST_DIR)/*.deb

# Benchmarks build in Release, in their own folder, and keep their 1M-movement database there.
bench: deps
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTOCKROOM_BUILD_TESTS=OFF
	cmake --build $(BENCH_DIR) -j $(JOBS) --target model_bench sync_bench app_bench stockroom-load
	cd $(BENCH_DIR) && ./bin/model_bench
	cd $(BENCH_DIR) && ./bin/sync_bench
	cd $(BENCH_DIR) && ./bin/app_bench
	cd $(BENCH_DIR) && ./bin/stockroom-load --scenario hot-spot --clients 100 --requests 20000
	cd $(BENCH_DIR) && ./bin/stockroom-load --scenario bulk --clients 100 --requests 20000
	for clients in 8 32 100; do \
		(cd $(BENCH_DIR) && ./bin/stockroom-load --scenario mixed --clients $$clients --requests 20000); \
	done
	for scenario in hot-spot bulk; do \
		(cd $(BENCH_DIR) && ./bin/stockroom-load --scenario $$scenario --transport websocket \
			--clients 100 --requests 200000 --batch 100); \
	done
	for strategy in group optimistic pessimistic delta; do \
		for run in "bulk 1" "bulk 8" "bulk 32" "hot-spot 100"; do \
			set -- $$run; \
			(cd $(BENCH_DIR) && ./bin/stockroom-load --scenario $$1 --clients $$2 \
				--requests 20000 --seconds 20 --stock-strategy $$strategy); \
		done; \
	done
	$(MAKE) bench-postgresql

# The PostgreSQL backend against plain pgbench doing the same writes, in one durable
# throwaway cluster (started and stopped here, by its own data folder).
bench-postgresql:
	@set -e; state=$(CURDIR)/$(BENCH_DIR)/postgres-cluster; load=$(CURDIR)/$(BENCH_DIR)/bin/stockroom-load; \
	STOCKROOM_PG_DURABLE=1 bash tests/postgres/cluster.sh start $$state; \
	trap 'bash tests/postgres/cluster.sh stop '$$state EXIT; \
	bash bench/pgbench/run.sh $$state 10; \
	for run in "hot-spot 100 1" "hot-spot 100 2" "bulk 1 1" "bulk 8 1" "bulk 32 1" "bulk 32 2" "mixed 32 1"; do \
		set -- $$run; \
		bash tests/postgres/with-database.sh $$state $$load --scenario $$1 --clients $$2 \
			--instances $$3 --requests 20000 --seconds 30 --db @DB@; \
	done; \
	for strategy in group optimistic pessimistic advisory delta; do \
		for run in "bulk 1" "bulk 8" "bulk 32" "hot-spot 100"; do \
			set -- $$run; \
			bash tests/postgres/with-database.sh $$state $$load --scenario $$1 --clients $$2 \
				--requests 20000 --seconds 20 --db @DB@ --stock-strategy $$strategy; \
		done; \
	done; \
	for run in "hot-spot 100 1" "hot-spot 100 2" "bulk 100 2"; do \
		set -- $$run; \
		bash tests/postgres/with-database.sh $$state $$load --scenario $$1 --transport websocket \
			--clients $$2 --instances $$3 --requests 200000 --batch 100 --seconds 30 --db @DB@; \
	done

format:
	git ls-files --cached --others --exclude-standard '*.cpp' '*.h' | xargs clang-format -i

format-check:
	git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

clean:
	rm -rf $(BUILD_DIR) $(BENCH_DIR) $(PACKAGE_DIR) $(DIST_DIR)
