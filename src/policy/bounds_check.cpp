#include "bounds_check.hpp"

namespace avcsift::policy {
namespace {

/// Typebounds chains are short; a longer one is a loop the compiler missed.
constexpr int kMaxBoundsDepth = 32;

/// One side of an access at some level of the bounds chain.
struct Side {
  sepol_security_id_t sid;
  std::uint32_t type;
};

/// What the kernel allows `source` on `target` after typebounds: libsepol's
/// decision without bounds, cut to what the parent is allowed, recursively.
sepol_access_vector_t allowed_with_bounds(policydb_t& db, ContextTable& contexts,
                                          const PolicyContext& source,
                                          const PolicyContext& target, Side s, Side t,
                                          std::uint32_t tclass, sepol_access_vector_t requested,
                                          int depth) {
  const std::uint32_t parent = db.type_val_to_struct[s.type - 1]->bounds;
  sepol_access_vector_t allowed = 0;
  {
    const BoundsOff off(db, s.type);
    sepol_av_decision avd{};
    unsigned int reason = 0;
    if (sepol_compute_av_reason(s.sid, t.sid, static_cast<sepol_security_class_t>(tclass),
                                requested, &avd, &reason) < 0) {
      return 0;
    }
    allowed = avd.allowed;
  }
  if (parent == 0 || depth >= kMaxBoundsDepth) return allowed;
  return allowed & ~bounds_masked(db, contexts, source, target, tclass, allowed) &
         allowed_with_bounds(db, contexts, source, target,
                             Side{contexts.with_type(s.sid, source.context, parent), parent},
                             t, tclass, requested, depth + 1);
}

}  // namespace

sepol_access_vector_t bounds_masked(policydb_t& db, ContextTable& contexts,
                                    const PolicyContext& source, const PolicyContext& target,
                                    std::uint32_t tclass, sepol_access_vector_t allowed) {
  const std::uint32_t parent = db.type_val_to_struct[source.context.type - 1]->bounds;
  if (parent == 0 || allowed == 0) return 0;
  // The target is swapped for its own parent too, when it has one.
  const std::uint32_t target_parent = db.type_val_to_struct[target.context.type - 1]->bounds;
  const Side t = target_parent == 0
                     ? Side{target.sid, target.context.type}
                     : Side{contexts.with_type(target.sid, target.context, target_parent),
                            target_parent};
  const Side s{contexts.with_type(source.sid, source.context, parent), parent};
  return allowed & ~allowed_with_bounds(db, contexts, source, target, s, t, tclass, allowed, 0);
}

}  // namespace avcsift::policy
