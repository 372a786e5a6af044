# Sourced by the corpus scripts that compare avcsift's rules with audit2allow's.
#
# without_undefined_type_rules FILE.te: FILE without the rules avcsift keeps
# live although they name a type the loaded policy lacks (audit2allow drops
# them), each with its whole comment block. The block must go too: te-rules
# gathers every comment line up to the next rule, blank lines and section
# headers included, so a stray "is not defined in the policy" line left
# behind would mark the next, unrelated rule NOTINPOLICY and hide it.
without_undefined_type_rules() {
  awk '/^#/ { block = block $0 "\n"; if (/does not define type/) undefined = 1; next }
       /^[ \t]*(allow|dontaudit)[ \t]/ { if (!undefined) printf "%s%s\n", block, $0; block = ""; undefined = 0; next }
       { printf "%s%s\n", block, $0; block = ""; undefined = 0 }
       END { printf "%s", block }' "$1"
}
