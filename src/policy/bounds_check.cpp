#include "bounds_check.hpp"

namespace avcsift::policy {
namespace {

/// Typebounds chains are short; a longer one is a loop the compiler missed.
constexpr int kMaxBoundsDepth = 32;

/// One side of the access at some level of the bounds chain: the logged
/// context with its type swapped for an ancestor.
struct Side {
  sepol_security_id_t sid;
  std::uint32_t type;
};

class Chain {
 public:
  Chain(policydb_t& db, ContextTable& contexts, const PolicyContext& source,
        const PolicyContext& target, std::uint32_t tclass)
      : db_(db), contexts_(contexts), source_(source), target_(target), tclass_(tclass) {}

  /// The sides one level up: the source's parent, and the target's parent
  /// when it has one.
  [[nodiscard]] Side parent_of_source(Side s) {
    const std::uint32_t parent = bounds(s.type);
    return Side{contexts_.with_type(source_.sid, source_.context, parent), parent};
  }
  [[nodiscard]] Side parent_of_target(Side t) {
    const std::uint32_t parent = bounds(t.type);
    if (parent == 0) return t;
    return Side{contexts_.with_type(target_.sid, target_.context, parent), parent};
  }

  /// What the kernel allows `s` on `t`: libsepol's decision without its
  /// bounds step, cut to what the parents are allowed, recursively.
  [[nodiscard]] sepol_access_vector_t allowed(Side s, Side t, int depth) {
    const std::uint32_t parent = bounds(s.type);
    sepol_access_vector_t allowed = 0;
    {
      const BoundsOff off(db_, s.type);
      sepol_av_decision avd{};
      unsigned int reason = 0;
      if (sepol_compute_av_reason(s.sid, t.sid, static_cast<sepol_security_class_t>(tclass_),
                                  0, &avd, &reason) < 0) {
        return 0;
      }
      allowed = avd.allowed;
    }
    if (parent == 0 || allowed == 0 || depth >= kMaxBoundsDepth) return allowed;
    return allowed & this->allowed(parent_of_source(s), parent_of_target(t), depth + 1);
  }

  [[nodiscard]] std::uint32_t bounds(std::uint32_t type) const {
    return db_.type_val_to_struct[type - 1]->bounds;
  }

 private:
  policydb_t& db_;
  ContextTable& contexts_;
  const PolicyContext& source_;
  const PolicyContext& target_;
  std::uint32_t tclass_;
};

}  // namespace

sepol_access_vector_t bounds_masked(policydb_t& db, ContextTable& contexts,
                                    const PolicyContext& source, const PolicyContext& target,
                                    std::uint32_t tclass, sepol_access_vector_t allowed) {
  Chain chain(db, contexts, source, target, tclass);
  const Side s{source.sid, source.context.type};
  const Side t{target.sid, target.context.type};
  if (chain.bounds(s.type) == 0 || allowed == 0) return 0;
  return allowed & ~chain.allowed(chain.parent_of_source(s), chain.parent_of_target(t), 1);
}

}  // namespace avcsift::policy
