#include "avcsift/policy/policy.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <new>

#include "avcsift/model/error.hpp"
#include "constraint_check.hpp"
#include "avcsift/policy/policy_cache.hpp"
#include "load_arena.h"
#include "policy_state.hpp"
#include "rbac_check.hpp"
#include "slim_policy.h"

namespace avcsift::policy {
namespace {

/// libsepol keeps the policy and SID table of its services in globals.
std::atomic<bool> g_policy_alive{false};

/// Collects libsepol's messages into the string at `arg` instead of stdout
/// and stderr, where its default handler would print them.
void collect_message(void* arg, sepol_handle_t* /*handle*/, const char* fmt, ...) {
  char line[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(line, sizeof line, fmt, args);
  va_end(args);
  auto* messages = static_cast<std::string*>(arg);
  messages->append(line).push_back('\n');
}

/// A policy file's bytes and what a cached copy must match of it.
struct PolicyFile {
  std::string bytes;
  PolicyCacheKey key;  ///< crc32 left 0: computed only when a cache is used
};

PolicyFile read_file(const std::string& path) {
  const auto fail = [&](int error) {
    return Error("cannot read policy " + path + ": " + std::strerror(error));
  };
  std::FILE* file = std::fopen(path.c_str(), "rbe");
  if (file == nullptr) throw fail(errno);
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, &std::fclose);
  struct stat info {};
  if (fstat(fileno(file), &info) != 0) throw fail(errno);
  if (S_ISDIR(info.st_mode)) throw fail(EISDIR);
  // Read straight into a buffer of the file's size (one copy of a few MiB
  // instead of two); a file that grows or reports no size (a pipe) is read on
  // in steps.
  std::string bytes(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : 0) + 1, '\0');
  std::size_t length = 0;
  while (true) {
    if (length == bytes.size()) bytes.resize(bytes.size() * 2 + (1 << 16));
    const std::size_t got = std::fread(bytes.data() + length, 1, bytes.size() - length, file);
    length += got;
    if (got == 0) break;
  }
  if (std::ferror(file) != 0) throw fail(errno != 0 ? errno : EIO);
  bytes.resize(length);
  PolicyCacheKey key;
  key.size = length;
  key.mtime_sec = info.st_mtim.tv_sec;
  key.mtime_nsec = info.st_mtim.tv_nsec;
  return PolicyFile{std::move(bytes), key};
}

/// Address space for the load arena: the policydb takes about six times the
/// file's size in memory, so this is ample; past it libsepol gets the real
/// malloc again.
std::size_t arena_size(std::size_t image_bytes) {
  return (std::size_t{64} << 20) + 32 * image_bytes;
}

/// Keeps the calling thread allocating from the load arena while it lives.
class ArenaScope {
 public:
  ArenaScope() { avcsift_arena_enter(); }
  ~ArenaScope() { avcsift_arena_leave(); }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;
};

/// The last line libsepol wrote, for error messages.
std::string last_message(const std::string& messages) {
  std::string_view text(messages);
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  const auto newline = text.rfind('\n');
  return std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));
}

/// A State with an empty policydb and libsepol's messages routed into it.
std::unique_ptr<Policy::State> new_state(const std::string& path) {
  auto state = std::make_unique<Policy::State>(path);
  state->handle.reset(sepol_handle_create());
  sepol_policydb_t* raw_db = nullptr;
  if (!state->handle || sepol_policydb_create(&raw_db) < 0) throw std::bad_alloc();
  state->policydb.reset(raw_db);
  sepol_msg_set_callback(state->handle.get(), &collect_message, &state->messages);
  sepol_debug(0);  // messages of the services (no handle) go nowhere
  return state;
}

/// libsepol's read of `image` into the state's policydb, in the load arena.
bool read_policydb(Policy::State& state, std::string_view image) {
  sepol_policy_file_t* raw_file = nullptr;
  if (sepol_policy_file_create(&raw_file) < 0) throw std::bad_alloc();
  const std::unique_ptr<sepol_policy_file_t, PolicyFileFree> file(raw_file);
  sepol_policy_file_set_handle(file.get(), state.handle.get());
  // libsepol reads without writing, but its API takes a non-const buffer.
  sepol_policy_file_set_mem(file.get(), const_cast<char*>(image.data()), image.size());
  const ArenaScope arena;
  return sepol_policydb_read(state.policydb.get(), file.get()) >= 0;
}

/// A slim copy must save at least this share of the original (in eighths) to
/// be worth reading: below it, checking and reading two files costs what the
/// copy saves (Debian's refpolicy: 5% smaller, libsepol's read 4% shorter).
constexpr std::size_t kWorthEighths = 7;

/// Writes the slim copy of the policy just read into `cache`, or an empty
/// copy (read the original) when it saves too little; a copy that cannot be
/// made is no error (the cache is optional).
void keep_slim_copy(Policy::State& state, const PolicyCache& cache, const PolicyCacheKey& key) {
  void* raw_image = nullptr;
  std::size_t length = 0;
  // libsepol's complaints about the copy are not the user's business.
  std::string ignored;
  sepol_msg_set_callback(state.handle.get(), &collect_message, &ignored);
  const int status = avcsift_slim_policy_image(state.handle.get(), state.policydb.get(),
                                               &raw_image, &length);
  sepol_msg_set_callback(state.handle.get(), &collect_message, &state.messages);
  const std::unique_ptr<void, MallocFree> image(raw_image);
  if (status != 0) return;
  const bool worth = length * 8 <= key.size * kWorthEighths;
  (void)cache.store(state.path, key,
                    worth ? std::string_view(static_cast<const char*>(image.get()), length)
                          : std::string_view());
}

}  // namespace

std::unique_ptr<Policy> Policy::load(const std::string& path,
                                     const std::optional<std::filesystem::path>& cache_directory) {
  if (g_policy_alive.exchange(true)) {
    throw Error("cannot load policy " + path + ": another policy is already loaded");
  }
  try {
    PolicyFile original = read_file(path);
    std::optional<PolicyCache> cache;
    std::optional<std::string> slim;
    if (cache_directory) {
      cache.emplace(*cache_directory);
      original.key.crc32 = checksum(original.bytes);
      slim = cache->find(path, original.key);
    }
    // Off when the address space cannot be had: libsepol then uses malloc.
    // Sized for both reads: a slim copy that libsepol refuses is followed by
    // the original's, and the arena never frees.
    (void)avcsift_arena_reserve(arena_size(original.bytes.size() + (slim ? slim->size() : 0)));
    auto state = new_state(path);
    // An empty copy says the original is best read as it is (kWorthEighths).
    const bool original_best = slim && slim->empty();
    if (slim && !original_best && !read_policydb(*state, *slim)) {
      state = new_state(path);  // a damaged copy: read the original and write it anew
      slim.reset();
    }
    if ((!slim || original_best) && !read_policydb(*state, original.bytes)) {
      const std::string detail = last_message(state->messages);
      throw Error("cannot read policy " + path + ": not a valid binary policy" +
                  (detail.empty() ? "" : " (" + detail + ")"));
    }
    if (state->db().policy_type != POLICY_KERN) {
      throw Error("cannot read policy " + path + ": a policy module, not a binary kernel policy");
    }
    if (cache && !slim) keep_slim_copy(*state, *cache, original.key);
    if (sepol_sidtab_init(&state->sidtab) < 0) throw std::bad_alloc();
    state->sidtab_ready = true;
    sepol_set_policydb(&state->db());
    sepol_set_sidtab(&state->sidtab);
    state->te = std::make_unique<TeRules>(state->db());
    state->contexts = std::make_unique<ContextTable>(state->db(), state->sidtab);
    return std::unique_ptr<Policy>(new Policy(std::move(state)));
  } catch (...) {
    // The State (and its policydb) is gone by now, so the arena is unused.
    avcsift_arena_release();
    g_policy_alive = false;
    throw;
  }
}

Policy::Policy(std::unique_ptr<State> state) : state_(std::move(state)) {}

Policy::~Policy() {
  sepol_set_policydb(nullptr);
  sepol_set_sidtab(nullptr);
  state_.reset();
  avcsift_arena_release();  // after the policydb: its blocks live there
  g_policy_alive = false;
}

std::string Policy::description() const {
  const policydb_t& db = state_->db();
  return state_->path + " (policy version " + std::to_string(db.policyvers) +
         (db.mls != 0 ? ", MLS)" : ")");
}

std::string Policy::context_problem(const SecurityContext& context) {
  const PolicyContext& resolved = state_->contexts->resolve(context);
  if (!resolved.type_known) return {};  // judge() reports the type itself
  std::vector<std::string> problems;
  for (const std::string& name : resolved.undefined) problems.push_back(name + " is not defined");
  for (std::string& problem : authorization_problems(state_->db(), resolved)) {
    problems.push_back(std::move(problem));
  }
  // What is left is the MLS part: a level outside the user's range.
  if (problems.empty() && policydb_context_isvalid(&state_->db(), &resolved.context) == 0) {
    problems.push_back("level " + context.level + " is not within the range of user " + context.user);
  }
  std::string text;
  for (const std::string& problem : problems) text += (text.empty() ? "" : "; ") + problem;
  return text;
}

const std::string& Policy::messages() const { return state_->messages; }

bool Policy::depends_on_full_context(std::string_view tclass) const {
  const policydb_t& db = state_->db();
  const auto* cls = find_symbol<class_datum_t>(db.p_classes, tclass);
  return cls != nullptr && class_depends_on_full_context(db, cls->s.value);
}

bool Policy::has_type(std::string_view name) const {
  const std::uint32_t type = type_value(state_->db(), name);
  return type != 0 && !is_attribute(state_->db(), type);
}

bool Policy::has_role(std::string_view name) const {
  return find_symbol<role_datum_t>(state_->db().p_roles, name) != nullptr;
}

bool Policy::is_permissive(std::string_view type) const {
  const policydb_t& db = state_->db();
  const std::uint32_t value = type_value(db, type);
  // The permissive map is indexed by type value, as in the kernel.
  return value != 0 && ebitmap_get_bit(&db.permissive_map, value) != 0;
}

bool Policy::type_has_attribute(std::string_view type, std::string_view attribute) const {
  const policydb_t& db = state_->db();
  const std::uint32_t t = type_value(db, type);
  const std::uint32_t a = type_value(db, attribute);
  if (t == 0 || a == 0 || is_attribute(db, t) || !is_attribute(db, a)) return false;
  return ebitmap_get_bit(&db.type_attr_map[t - 1], a - 1) != 0;
}

std::vector<std::string> Policy::types_with_attribute(std::string_view attribute) const {
  const policydb_t& db = state_->db();
  std::vector<std::string> types;
  const std::uint32_t a = type_value(db, attribute);
  if (a == 0 || !is_attribute(db, a)) return types;
  ebitmap_node_t* node = nullptr;
  unsigned int bit = 0;
  ebitmap_for_each_positive_bit(&db.attr_type_map[a - 1], node, bit) {
    if (!is_attribute(db, bit + 1)) types.emplace_back(db.p_type_val_to_name[bit]);
  }
  std::sort(types.begin(), types.end());
  return types;
}

std::vector<std::string> Policy::allowed_target_types(std::string_view source,
                                                      std::string_view tclass,
                                                      std::string_view perm,
                                                      std::string_view attribute) const {
  const policydb_t& db = state_->db();
  std::vector<std::string> types;
  const std::uint32_t s = type_value(db, source);
  const std::uint32_t a = type_value(db, attribute);
  const auto* cls = find_symbol<class_datum_t>(db.p_classes, tclass);
  if (s == 0 || is_attribute(db, s) || a == 0 || !is_attribute(db, a) || cls == nullptr) {
    return types;
  }
  const sepol_access_vector_t bit = permission_bit(*cls, perm);
  if (bit == 0) return types;
  // Rules name attributes far more often than types, so ask once per
  // (source attribute, target attribute) pair rather than once per target
  // type: the target keys are every attribute any candidate type has.
  const ebitmap_t& candidates = db.attr_type_map[a - 1];
  std::vector<char> is_key(db.p_types.nprim, 0);
  std::vector<char> granted(db.p_types.nprim, 0);
  ebitmap_node_t* node = nullptr;
  unsigned int t = 0;
  ebitmap_for_each_positive_bit(&candidates, node, t) {
    ebitmap_node_t* anode = nullptr;
    unsigned int key = 0;
    ebitmap_for_each_positive_bit(&db.type_attr_map[t], anode, key) { is_key[key] = 1; }
  }
  std::vector<std::uint32_t> keys;
  for (std::uint32_t key = 0; key < db.p_types.nprim; ++key) {
    if (is_key[key] != 0) keys.push_back(key);
  }
  ebitmap_node_t* snode = nullptr;
  unsigned int skey = 0;
  ebitmap_for_each_positive_bit(&db.type_attr_map[s - 1], snode, skey) {
    for (const std::uint32_t key : keys) {
      if (granted[key] == 0 &&
          (state_->te->allowed_by_key(skey + 1, key + 1, cls->s.value) & bit) != 0) {
        granted[key] = 1;
      }
    }
  }
  ebitmap_for_each_positive_bit(&candidates, node, t) {
    if (is_attribute(db, t + 1)) continue;
    ebitmap_node_t* anode = nullptr;
    unsigned int key = 0;
    bool allowed = false;
    ebitmap_for_each_positive_bit(&db.type_attr_map[t], anode, key) {
      allowed = allowed || granted[key] != 0;
    }
    if (allowed) types.emplace_back(db.p_type_val_to_name[t]);
  }
  std::sort(types.begin(), types.end());
  return types;
}

sepol_access_vector_t permission_bit(const class_datum_t& cls, std::string_view name) {
  const auto* perm = find_symbol<perm_datum_t>(cls.permissions, name);
  if (perm == nullptr && cls.comdatum != nullptr) {
    perm = find_symbol<perm_datum_t>(cls.comdatum->permissions, name);
  }
  return perm == nullptr ? 0 : sepol_access_vector_t{1} << (perm->s.value - 1);
}

std::string permission_names(policydb_t& db, std::uint32_t tclass, sepol_access_vector_t av) {
  std::string names = sepol_av_to_string(&db, tclass, av);  // " read write"
  if (!names.empty() && names.front() == ' ') names.erase(0, 1);
  return names;
}

bool class_depends_on_full_context(const policydb_t& db, std::uint32_t tclass) {
  const class_datum_t* cls = db.class_val_to_struct[tclass - 1];
  return tclass == db.process_class || cls->validatetrans != nullptr ||
         constraints_use_full_context(db, tclass);
}

}  // namespace avcsift::policy
