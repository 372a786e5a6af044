#pragma once
// Typebounds, checked as the kernel does, at any depth.
//
// A type bounded by a parent may do only what the parent may do; the kernel
// computes the parent's decision (TE, constraints, RBAC and its own bounds)
// on the same contexts with the types swapped for their parents, and cuts the
// child's permissions to it. libsepol 3.4 does the same but passes a null
// reason pointer into the nested computation and writes through it when the
// parent has a parent of its own, so we switch libsepol's bounds step off
// (BoundsOff) and walk the chain here.
#include <cstdint>

#include "context_table.hpp"
#include "sepol.hpp"

namespace avcsift::policy {

/// Clears the typebounds parent of one type for as long as it lives, so a
/// libsepol computation for that type skips its bounds step.
class BoundsOff {
 public:
  BoundsOff(policydb_t& db, std::uint32_t type)
      : datum_(db.type_val_to_struct[type - 1]), saved_(datum_->bounds) {
    datum_->bounds = 0;
  }
  ~BoundsOff() { datum_->bounds = saved_; }
  BoundsOff(const BoundsOff&) = delete;
  BoundsOff& operator=(const BoundsOff&) = delete;

 private:
  type_datum_t* datum_;
  std::uint32_t saved_;
};

/// The permissions of `allowed` (the source's decision without bounds) that
/// the source type's typebounds parent, judged in its place, is not allowed;
/// 0 when the source type has no parent.
[[nodiscard]] sepol_access_vector_t bounds_masked(policydb_t& db, ContextTable& contexts,
                                                  const PolicyContext& source,
                                                  const PolicyContext& target,
                                                  std::uint32_t tclass,
                                                  sepol_access_vector_t allowed);

}  // namespace avcsift::policy
