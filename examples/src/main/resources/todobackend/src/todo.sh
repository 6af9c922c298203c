#!/bin/sh
# todobackend: a tiny to-do list kept in a file, the sample application of Slipway's examples.
# Usage: todo add <text> | todo list | todo done <n> | todo version
set -eu
TODO_FILE=${TODO_FILE:-/data/todo.txt}
APP_VERSION=${APP_VERSION:-dev}

cmd=${1:-list}
[ $# -gt 0 ] && shift
case "$cmd" in
  add)
    [ $# -gt 0 ] || { echo "usage: todo add <text>" >&2; exit 2; }
    mkdir -p "$(dirname "$TODO_FILE")"
    printf '[ ] %s\n' "$*" >> "$TODO_FILE"
    ;;
  list)
    [ -f "$TODO_FILE" ] && awk '{ printf "%d. %s\n", NR, $0 }' "$TODO_FILE"
    ;;
  done)
    n=${1:?usage: todo done <n>}
    [ -f "$TODO_FILE" ] || { echo "nothing to do" >&2; exit 1; }
    total=$(wc -l < "$TODO_FILE")
    [ "$n" -ge 1 ] && [ "$n" -le "$total" ] || { echo "no item $n" >&2; exit 1; }
    tmp="$TODO_FILE.tmp"
    awk -v n="$n" 'NR == n { sub(/^\[ \]/, "[x]") } { print }' "$TODO_FILE" > "$tmp" && mv "$tmp" "$TODO_FILE"
    ;;
  version)
    echo "todobackend $APP_VERSION"
    ;;
  *)
    echo "unknown command: $cmd" >&2
    exit 2
    ;;
esac
