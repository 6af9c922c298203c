#!/bin/sh
# Unit tests of todo.sh: `make test` runs them. Exits non-zero when one fails.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
TODO_FILE=$(mktemp -d)/todo.txt
export TODO_FILE
failures=0
todo() { sh "$here/src/todo.sh" "$@"; }
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$3', got '$2'"; failures=$((failures + 1)); fi
}

check "empty list" "$(todo list)" ""
todo add "write the pipeline"
todo add "run it locally"
check "two items" "$(todo list)" "1. [ ] write the pipeline
2. [ ] run it locally"
todo done 2
check "done marks the item" "$(todo list | tail -1)" "2. [x] run it locally"
todo done 3 2>/dev/null
check "done of a missing item fails" "$?" "1"
check "version" "$(APP_VERSION=1.2 todo version)" "todobackend 1.2"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
