# bash completion for avcsift(1)                             -*- shell-script -*-
# Installed as ${datadir}/bash-completion/completions/avcsift; bash-completion
# loads it on the first <Tab> after "avcsift". Works without bash-completion
# too: source this file.

# Options each subcommand takes (kept in step with `avcsift CMD --help`; the
# completion test checks that every option of the help is listed here).
_avcsift_common_opts='-h --help -i --input -p --policy --no-policy --no-policy-cache --dmesg --since --since-last-load --node --date-order -q --quiet'
_avcsift_review_opts='--app-root --app-module --app-types --fail-on --baseline --ignore'
_avcsift_allow_opts='-m --module -M --module-package --module-version --version -C --cil -x --xperms
  --against -o --output --force -D --dontaudit -t --type --type-or-target
  -R --reference --include-dir --interface-info --perm-map --cache-dir --no-cache --one-parameter -v --verbose'
_avcsift_why_opts='-u --unique --format --policy-xml'
_avcsift_report_opts='--file-contexts --policy-xml --format -o --output --force --color --by-node'
# watch reads standard input only, so it has none of the common input options.
_avcsift_watch_opts='-h --help --output-dir --interval --file-contexts -p --policy --no-policy -m --module --app-module --node --date-order -q --quiet'
# merge reads JSON reports: no log options.
_avcsift_merge_opts='-h --help -i --input -p --policy -q --quiet --file-contexts --policy-xml --format -o --output --force --color'

_avcsift() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  # The subcommand: the first word after "avcsift" that is not an option.
  local command='' i
  for ((i = 1; i < cword; i++)); do
    if [[ ${words[i]} != -* ]]; then
      command=${words[i]}
      break
    fi
  done
  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W 'allow why report watch merge help --help --version' -- "$cur"))
    return
  fi

  # Values of the option just typed.
  case $prev in
    -i | --input | --against | --app-module | --file-contexts | --policy-xml | -o | --output | --baseline | --ignore)
      COMPREPLY=($(compgen -f -- "$cur"))
      compopt -o filenames 2>/dev/null
      return ;;
    -p | --policy | --perm-map | --interface-info)
      COMPREPLY=($(compgen -f -- "$cur"))
      compopt -o filenames 2>/dev/null
      return ;;
    --app-root | --output-dir | --include-dir | --cache-dir)
      COMPREPLY=($(compgen -d -- "$cur"))
      compopt -o filenames 2>/dev/null
      return ;;
    --fail-on)
      COMPREPLY=($(compgen -W 'high medium low' -- "$cur"))
      return ;;
    --format)
      if [[ $command == report || $command == merge ]]; then
        COMPREPLY=($(compgen -W 'text json html' -- "$cur"))
      else
        COMPREPLY=($(compgen -W 'text json' -- "$cur"))
      fi
      return ;;
    --date-order)
      COMPREPLY=($(compgen -W 'mdy dmy ymd' -- "$cur"))
      return ;;
    --color)
      COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
      return ;;
    -m | --module | -M | --module-package | --module-version | --version | -t | --type | --app-types | --since | --interval)
      return ;;  # a name, a number or a regex: nothing to offer
  esac

  if [[ $cur == -* ]]; then
    local opts
    case $command in
      allow) opts="$_avcsift_common_opts $_avcsift_review_opts $_avcsift_allow_opts" ;;
      why) opts="$_avcsift_common_opts $_avcsift_why_opts" ;;
      report) opts="$_avcsift_common_opts $_avcsift_review_opts $_avcsift_report_opts" ;;
      watch) opts="$_avcsift_watch_opts" ;;
      merge) opts="$_avcsift_merge_opts $_avcsift_review_opts" ;;
      *) return ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi

  # Anything else is an input: a log file, plain or gzip-compressed (a JSON
  # report for merge).
  [[ $command == help || $command == watch ]] && return
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null
}

complete -F _avcsift avcsift
