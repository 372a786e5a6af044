# CPack: `cpack -G DEB` (run in the build directory) builds avcsift_VERSION_ARCH.deb
# from the install rules. dpkg-shlibdeps (package dpkg-dev) computes Depends
# from the libraries the binary links dynamically: libauparse0, libselinux1,
# zlib1g, libspdlog1.10-fmt9, libfmt9, libboost-program-options1.74.0, libstdc++6,
# libc6. libsepol is linked statically (see src/policy/CMakeLists.txt), so
# libsepol2 is not among them; tests/package checks both.
set(CPACK_PACKAGE_NAME avcsift)
set(CPACK_PACKAGE_VENDOR "avcsift developers")
set(AVCSIFT_PACKAGE_MAINTAINER "avcsift developers <avcsift@example.org>" CACHE STRING
    "Maintainer field of the .deb (Name <address>)")
set(CPACK_PACKAGE_CONTACT "${AVCSIFT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Turn SELinux denials into reviewed policy, fast")
set(CPACK_PACKAGE_DESCRIPTION
    "avcsift reads SELinux denials from audit logs (raw audit.log, ausearch,
journald, syslog, dmesg, gzip-compressed rotated logs) and prints
deduplicated type enforcement rules (like audit2allow), explains each
denial from the binary policy (like audit2why), and reviews what such
rules would grant: writes onto system types, dangerous capabilities and
access outside the application.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)

set(CPACK_DEBIAN_PACKAGE_NAME avcsift)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# checkmodule and semodule_package build -M packages; secilc and semodule are
# for the CIL and install steps the README shows.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "checkpolicy, semodule-utils, policycoreutils, selinux-policy-default")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/avcsift")

include(CPack)
