#include "avcsift/model/selinux_error.hpp"

namespace avcsift {

const char* selinux_error_name(SelinuxErrorKind kind) {
  switch (kind) {
    case SelinuxErrorKind::BoundedTransition: return "bounded_transition";
    case SelinuxErrorKind::ValidateTransition: return "validate_transition";
    case SelinuxErrorKind::BoundsMasked: return "bounds_masked";
    case SelinuxErrorKind::MlsCopyInvalid: return "mls_copy_invalid_context";
    case SelinuxErrorKind::SetxattrInvalid: return "setxattr_invalid_context";
    case SelinuxErrorKind::FscreateInvalid: return "fscreate_invalid_context";
  }
  return "unknown";
}

}  // namespace avcsift
