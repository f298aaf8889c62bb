#!/usr/bin/env bash
# make emulator / make emulator-stop: moto's AWS API server (with scripts/emulator/toolbox_moto.py)
# on a free 127.0.0.1 port. The PID and port are recorded under $TOOLBOX_DIR/emulator/ and the
# stop acts on that PID alone, after checking it is still our server. AGENT=1 also starts
# scripts/emulator/ecs_agent.py, which plays the ECS agent (moto runs no tasks), so that
# `make update` can be rehearsed end to end; its PID is recorded and stopped the same way. The agent
# also serves the data plane the emulator lacks on another free port, for the rollout's smoke calls
# through the public endpoint (PUBLIC_URL, printed with the other exports).
# A registry standing in for ECR (Debian's docker-registry, basic login as ECR's token gives it)
# is started too: ECR's GetAuthorizationToken names it, so `make update` pushes real images.
set -euo pipefail
cd "$(dirname "$0")/../.."
state="${TOOLBOX_DIR:-.toolbox}/emulator"
pid_file="$state/pid"
agent_pid_file="$state/agent.pid"
port_file="$state/port"
front_port_file="$state/front-port"
registry_pid_file="$state/registry.pid"

ours() { # true when the recorded PID is alive and is our launcher
    [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null &&
        grep -q "scripts/emulator/serve.py" "/proc/$(cat "$pid_file")/cmdline" 2>/dev/null
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_agent() {
    local port=$1 front
    front=$(free_port)
    setsid python3 scripts/emulator/ecs_agent.py "http://127.0.0.1:$port" "${PROJECT_NAME:-echo}" --front-port "$front" \
        >"$state/agent.log" 2>&1 </dev/null &
    echo $! >"$agent_pid_file"
    echo "$front" >"$front_port_file"
    echo "ECS agent stand-in started (PID $(cat "$agent_pid_file"), cluster ${PROJECT_NAME:-echo}, public endpoint stand-in on port $front, log $state/agent.log)"
}

# The ECR stand-in: its own storage under the state folder, user AWS with the password moto's
# GetAuthorizationToken hands out for the emulator's account. Prints the registry's URL.
start_registry() {
    local port folder
    port=$(free_port)
    mkdir -p "$state/registry"
    folder=$(realpath "$state/registry")
    htpasswd -B -b -c "$folder/htpasswd" AWS 123456789012-auth-token 2>/dev/null
    cat >"$folder/config.yml" <<YAML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: "$folder/storage"}}
http: {addr: "127.0.0.1:$port", secret: emulator-only}
auth: {htpasswd: {realm: ecr-emulator, path: "$folder/htpasswd"}}
YAML
    setsid /usr/bin/docker-registry serve "$folder/config.yml" >"$state/registry.log" 2>&1 </dev/null &
    echo $! >"$registry_pid_file"
    echo "http://127.0.0.1:$port"
}

# Stops the process recorded in $1 when it is still the one we started (its command line has $2).
stop_recorded() {
    local pid_file=$1 command=$2 what=$3 pid
    [[ -f $pid_file ]] || return 0
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null && grep -q "$command" "/proc/$pid/cmdline" 2>/dev/null; then
        kill -TERM "$pid"
        echo "$what stopped (PID $pid)."
    fi
    rm -f "$pid_file"
}

stop_registry() { stop_recorded "$registry_pid_file" docker-registry "ECR registry stand-in"; }
stop_agent() {
    stop_recorded "$agent_pid_file" scripts/emulator/ecs_agent.py "ECS agent stand-in"
    rm -f "$front_port_file"
}

print_exports() {
    local port=$1
    echo "Paste these lines to point the toolbox (and the AWS CLI) at it:"
    echo "export AWS_ENDPOINT_URL=http://127.0.0.1:$port"
    echo "export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1"
    echo "export AWS_ACCOUNT_ID=123456789012 TARGET=aws"
    echo "export ENVOY_IMAGE=840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.12.1-prod"
    if [[ -f $front_port_file ]]; then echo "export PUBLIC_URL=http://127.0.0.1:$(cat "$front_port_file")"; fi
}

case "${1:-start}" in
start)
    if ours; then
        echo "The emulator is already running (PID $(cat "$pid_file"), port $(cat "$port_file"))."
        print_exports "$(cat "$port_file")"
        exit 0
    fi
    mkdir -p "$state"
    port=$(free_port)
    registry=$(start_registry)
    MOTO_IAM_LOAD_MANAGED_POLICIES=true TOOLBOX_ECR_REGISTRY=$registry setsid python3 scripts/emulator/serve.py -H 127.0.0.1 -p "$port" \
        >"$state/emulator.log" 2>&1 </dev/null &
    echo $! >"$pid_file"
    echo "$port" >"$port_file"
    for _ in $(seq 1 100); do
        if curl -fs "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1; then
            echo "Emulator started: moto $(python3 -c 'import moto; print(moto.__version__)') with the toolbox's App Mesh extension and AWS contract checks (PID $(cat "$pid_file"), port $port, log $state/emulator.log)"
            echo "ECR registry stand-in at $registry (PID $(cat "$registry_pid_file"))"
            if [[ ${AGENT:-} == 1 ]]; then start_agent "$port"; fi
            print_exports "$port"
            exit 0
        fi
        kill -0 "$(cat "$pid_file")" 2>/dev/null || break
        sleep 0.1
    done
    stop_registry >/dev/null
    echo "error: the emulator did not start; see $state/emulator.log" >&2
    exit 1
    ;;
stop)
    stop_agent
    stop_registry
    if ! ours; then
        echo "No emulator is running."
        rm -f "$pid_file" "$port_file"
        exit 0
    fi
    pid=$(cat "$pid_file")
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$pid_file" "$port_file"
    echo "Emulator stopped (PID $pid)."
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
