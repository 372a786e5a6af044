#pragma once
// What a Policy owns: the libsepol objects and the indexes built on them.
#include <cstdlib>
#include <memory>
#include <string>

#include "avcsift/policy/policy.hpp"
#include "context_table.hpp"
#include "sepol.hpp"
#include "te_rules.hpp"

namespace avcsift::policy {

struct HandleFree {
  void operator()(sepol_handle_t* handle) const { sepol_handle_destroy(handle); }
};
struct PolicydbFree {
  void operator()(sepol_policydb_t* db) const { sepol_policydb_free(db); }
};
struct PolicyFileFree {
  void operator()(sepol_policy_file_t* file) const { sepol_policy_file_free(file); }
};
struct MallocFree {
  void operator()(void* p) const { std::free(p); }
};

struct Policy::State {
  explicit State(std::string policy_path) : path(std::move(policy_path)) {}
  ~State() {
    contexts.reset();
    if (sidtab_ready) {
      sepol_sidtab_shutdown(&sidtab);
      sepol_sidtab_destroy(&sidtab);
    }
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  [[nodiscard]] policydb_t& db() { return policydb->p; }
  [[nodiscard]] const policydb_t& db() const { return policydb->p; }

  std::string path;
  std::string messages;  ///< libsepol's messages while reading, one a line
  std::unique_ptr<sepol_handle_t, HandleFree> handle;
  std::unique_ptr<sepol_policydb_t, PolicydbFree> policydb;
  sidtab_t sidtab{};
  bool sidtab_ready = false;
  std::unique_ptr<TeRules> te;
  std::unique_ptr<ContextTable> contexts;
};

/// The bit of permission `name` in class `cls` (own or common), 0 when the
/// class has no such permission.
[[nodiscard]] sepol_access_vector_t permission_bit(const class_datum_t& cls,
                                                   std::string_view name);

/// The names of the permissions in `av`, space-separated, in bit order.
[[nodiscard]] std::string permission_names(policydb_t& db, std::uint32_t tclass,
                                           sepol_access_vector_t av);

/// depends_on_full_context() for a class value.
[[nodiscard]] bool class_depends_on_full_context(const policydb_t& db, std::uint32_t tclass);

}  // namespace avcsift::policy
