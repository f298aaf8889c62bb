#!/usr/bin/env bash
# Installs the Debian and PyPI packages the toolbox needs, only when missing.
# Idempotent and quick when everything is present; every Makefile target that
# needs a package runs it first.
set -euo pipefail

# Debian packages: build libraries (g++ for libstdc++'s static archive in release links), the local router, code generation, test peers, bench tools.
DEBIAN_PACKAGES=(
    pkg-config
    g++
    libcurl4-openssl-dev
    libssl-dev
    libgit2-dev
    haproxy
    protobuf-compiler
    nghttp2-client
    wrk
    docker-registry
    skopeo
    umoci
    apache2-utils
    openssl
)
# Python modules (import name=pip requirement): the AWS emulator, AWS's own signer, an independent gRPC peer,
# the AWS CLI (the AWS bench compares with it).
PYTHON_MODULES=(
    "moto.server=moto[server]"
    "botocore=botocore"
    "grpc=grpcio"
    "grpc_health.v1=grpcio-health-checking"
    "awscli=awscli"
)

missing_debian=()
for package in "${DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing_debian+=("$package")
    fi
done

if ((${#missing_debian[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "bootstrap: missing Debian packages; run: sudo apt-get update && sudo apt-get install -y ${missing_debian[*]}" >&2
        exit 1
    fi
    echo "bootstrap: installing ${missing_debian[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing_debian[@]}" >/dev/null
    # Debian starts the packaged services; the toolbox runs its own instances, never these.
    for service in haproxy docker-registry; do
        if command -v systemctl >/dev/null 2>&1; then systemctl disable --now "$service" >/dev/null 2>&1 || true; fi
        service "$service" stop >/dev/null 2>&1 || true
    done
fi

missing_pip=()
for entry in "${PYTHON_MODULES[@]}"; do
    module=${entry%%=*}
    requirement=${entry#*=}
    python3 -c "import ${module}" 2>/dev/null || missing_pip+=("$requirement")
done
if ((${#missing_pip[@]})); then
    echo "bootstrap: installing Python packages ${missing_pip[*]}"
    python3 -m pip install --quiet --disable-pip-version-check "${missing_pip[@]}"
fi
