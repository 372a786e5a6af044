#!/bin/bash
# completion/avcsift.bash: it registers itself, completes subcommands, options
# per subcommand, option values and files, and knows every option that
# `avcsift CMD --help` lists.  Usage: completion_test.sh COMPLETION AVCSIFT
set -u
export LC_ALL=C  # sort order of the expectations
completion=$1 avcsift=$2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# shellcheck source=/dev/null
source "$completion"

[[ $(complete -p avcsift) == "complete -F _avcsift avcsift" ]] ||
  fail "complete -p avcsift: $(complete -p avcsift 2>&1)"

# complete WORD...: what <Tab> offers after the words (the last one being completed).
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _avcsift avcsift "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  [[ $got == "$want" ]] || fail "avcsift ${*:2}<Tab>: got '$got', want '$want'"
}

expect "allow " avcsift al
expect "--help --version allow help merge report watch why " avcsift ""
expect "--help --version " avcsift --
expect "report " avcsift rep
expect "high low medium " avcsift report --fail-on ""
expect "json " avcsift why --format j
expect "html json text " avcsift report --format ""
expect "html json text " avcsift merge --format ""
expect "--fail-on --file-contexts --force --format " avcsift merge --f
expect "json text " avcsift why --format ""
expect "dmy mdy ymd " avcsift allow --date-order ""
expect "always auto never " avcsift report --color ""
expect "--date-order --dmesg --dontaudit " avcsift allow --d
expect "--unique " avcsift why --u
expect " " avcsift why --cil  # allow's option, not why's
expect "--fail-on --file-contexts --force --format " avcsift report --f
expect "--interval " avcsift watch --i
expect " " avcsift watch --dmesg  # a common option watch does not take
expect " " avcsift merge --dmesg  # a log option merge does not take

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/logs"
touch "$dir/audit.log" "$dir/audit.log.1.gz" "$dir/policy.33"
cd "$dir" || exit 1
expect "audit.log audit.log.1.gz " avcsift allow -m plone au
expect "policy.33 " avcsift why -p po
expect "logs " avcsift report --app-root lo
expect "logs " avcsift watch --output-dir lo
expect " " avcsift watch au  # watch reads standard input: no file arguments

# Every long option of each command's --help is offered.
for command in allow why report watch merge; do
  offered=" $(complete_words avcsift "$command" --) "
  for option in $("$avcsift" "$command" --help | grep -oE '^ +(-[a-zA-Z] \[ )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
    [[ $offered == *" $option "* ]] || fail "avcsift $command --<Tab> lacks $option"
  done
done

[[ $failures -eq 0 ]] && echo "all completion checks passed"
exit $((failures > 0))
