# Sourced by the corpus scripts: corpus_policy SHARED_DIR NAME sets `policy` to
# the binary policy NAME names and `variant` to the infix of its expected files
# (expected/LOG$variant.rules) and of its exceptions files
# (why-exceptions$variant.txt, rules-exceptions$variant.txt). NAME: debian
# (Debian 12's refpolicy), fedora (Fedora's targeted 41.24) or
# fedora-container (the same with the container module, as on a podman host).
corpus_policy() {
  local shared=$1 name=$2
  case $name in
    debian) policy=$shared/corpus/policy/debian-refpolicy-2.20221101.policy.33 variant= ;;
    fedora) policy=$shared/corpus/policy/fedora-targeted-41.24.policy.33 variant=.fedora ;;
    fedora-container)
      policy=$shared/corpus/policy/fedora-targeted-41.24-container-2.233.0.policy.33
      variant=.fedora-container ;;
    *) echo "unknown corpus policy $name (debian, fedora or fedora-container)" >&2; exit 2 ;;
  esac
}
