#!/bin/sh
# Renders one man page as man(1) would and fails on any groff warning.
# Usage: man_render_test.sh GROFF PAGE
groff=$1 page=$2
warnings=$("$groff" -man -Tutf8 -ww -z "$page" 2>&1)
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings"
  exit 1
fi
# man -l reads the page the way a user's `man ./page.1` does (preprocessors,
# MANWIDTH); its --warnings are groff's -w options.
if command -v man >/dev/null 2>&1; then
  warnings=$(MANWIDTH=80 MAN_KEEP_FORMATTING=0 man --warnings=all -l "$page" 2>&1 >/dev/null)
  if [ -n "$warnings" ]; then
    printf '%s\n' "$warnings"
    exit 1
  fi
fi
echo "$page: no warnings"
