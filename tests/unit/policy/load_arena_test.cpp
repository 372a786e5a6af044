// The bump arena libsepol allocates from while it reads a policy
// (load_arena.h): blocks come from the region only inside enter/leave, are
// aligned as malloc's, survive realloc, and free() of them is harmless; a
// policy read through it answers as before, load after load.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "avcsift/model/error.hpp"
#include "load_arena.h"
#include "policy_test_support.hpp"

namespace avcsift::policy::test {
namespace {

/// True when the arena could be reserved.
bool arena_reservable() {
  if (avcsift_arena_reserve(std::size_t{1} << 20) != 0)
    return false;
  avcsift_arena_release();
  return true;
}

/// Whether this build routes libsepol's allocations through the arena. Builds
/// with it must be able to reserve it; sanitizer and fuzz builds link without
/// the --wrap options, and there the arena must refuse, so that
/// AddressSanitizer sees every block libsepol uses.
bool arena_expected() {
#ifdef AVCSIFT_LOAD_ARENA_BUILT
  REQUIRE(arena_reservable());
  return true;
#else
  CHECK_FALSE(arena_reservable());
  return false;
#endif
}

bool aligned(const void *block) {
  return reinterpret_cast<std::uintptr_t>(block) % 16 == 0;
}

} // namespace

TEST_CASE("The load arena serves malloc, calloc and realloc only to the thread "
          "inside it") {
  if (!arena_expected()) return;
  REQUIRE(avcsift_arena_reserve(std::size_t{1} << 20) == 0);
  CHECK(avcsift_arena_reserve(std::size_t{1} << 20) !=
        0); // one arena at a time
  CHECK(avcsift_arena_used() == 0);

  avcsift_arena_enter();
  void *first = std::malloc(3);
  auto *zeroed = static_cast<unsigned char *>(std::calloc(100, 1));
  char *text = static_cast<char *>(std::malloc(6));
  avcsift_arena_leave();
  const std::size_t used = avcsift_arena_used();
  CHECK(used >= 16 + 112 + 16);
  CHECK(aligned(first));
  CHECK(aligned(zeroed));
  CHECK(aligned(text));
  bool all_zero = true;
  for (int i = 0; i < 100; ++i)
    all_zero = all_zero && zeroed[i] == 0;
  CHECK(all_zero);

  // Outside enter/leave the real allocator answers; the arena does not move.
  void *volatile outside = std::malloc(64);
  CHECK(avcsift_arena_used() == used);
  std::free(outside);

  // realloc of an arena block keeps its bytes, inside the arena or out.
  std::memcpy(text, "hello", 6);
  char *grown = static_cast<char *>(std::realloc(text, 4096));
  REQUIRE(grown != nullptr);
  CHECK(std::string(grown) == "hello");
  std::free(grown);
  std::free(first); // arena blocks: nothing happens
  std::free(zeroed);
  avcsift_arena_release();
  CHECK(avcsift_arena_used() == 0);
}

TEST_CASE("A full load arena hands libsepol the real malloc") {
  if (!arena_expected()) return;
  REQUIRE(avcsift_arena_reserve(4096) == 0);
  avcsift_arena_enter();
  // volatile: the compiler may drop a malloc whose block is only freed.
  void *volatile big = std::malloc(8192); // larger than the region
  void *volatile small = std::malloc(16);
  avcsift_arena_leave();
  REQUIRE(big != nullptr);
  std::memset(big, 1, 8192);
  CHECK_FALSE(big == small);
  CHECK(avcsift_arena_used() == 16);
  std::free(big);
  std::free(small);
  avcsift_arena_release();
}

TEST_CASE(
    "A policy read through the load arena answers the same, load after load") {
  // One access of each kind the TE rules decide, so every part of the
  // policydb the judge walks is read through the arena.
  const std::vector<AccessQuery> queries = {
      access(kStaff, "staff_u:object_r:user_home_t:s0", "file",
             {"open", "read", "write"}),
      access(kStaff, "system_u:object_r:shadow_t:s0", "file", {"read"}),
      access(kStaff, "system_u:object_r:etc_t:s0", "file", {"read", "write"}),
  };
  const bool arena_on = arena_expected(); // asked before any policy holds it
  std::vector<Verdict> first;
  for (int round = 0; round < 3; ++round) {
    auto policy = load_test_policy();
    if (arena_on)
      CHECK(avcsift_arena_used() > 0);
    std::vector<Verdict> verdicts;
    for (const AccessQuery &query : queries)
      verdicts.push_back(policy->judge(query));
    if (round == 0)
      first = verdicts;
    CHECK(verdicts == first);
  }
  REQUIRE(first.size() == 3);
  CHECK(first[0].reason == Reason::Allowed);
  CHECK(first[1].reason == Reason::DontAudit);
  CHECK(first[2].reason == Reason::MissingTeRule);
  // A failed read leaves no arena behind: the next load still works.
  CHECK_THROWS_AS(Policy::load("/nonexistent/policy.33"), Error);
  CHECK_NOTHROW(load_test_policy());
}

} // namespace avcsift::policy::test
