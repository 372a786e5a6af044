#ifndef AVCSIFT_POLICY_LOAD_ARENA_H
#define AVCSIFT_POLICY_LOAD_ARENA_H
/* A bump allocator for libsepol while it reads a policy.
 *
 * Reading a distribution policy makes libsepol call malloc about 300,000 times
 * (one avtab node, ebitmap node or string at a time), and in the loading
 * thread glibc's malloc costs some 200 instructions a call: a quarter of the
 * whole load. The policydb lives until the Policy is destroyed and is freed
 * all at once, so its blocks can come from one reserved region instead, at a
 * few instructions each.
 *
 * The libraries are linked with --wrap=malloc,calloc,realloc,free (see
 * CMakeLists.txt), which sends the calls of libsepol.a and of our own objects
 * here; shared libraries (libc, libstdc++) keep the real allocator. Only the
 * thread between avcsift_arena_enter() and avcsift_arena_leave() allocates
 * from the region; free() of a block inside it does nothing, anything else
 * goes to the real allocator. When the region is full, or could not be
 * reserved, allocations fall back to the real malloc. */
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reserves `bytes` of address space for the arena (pages are touched only
 * when used). Returns 0, or -1 when it cannot (the arena then stays off). One
 * arena at a time: a second reserve fails until avcsift_arena_release(). */
int avcsift_arena_reserve(size_t bytes);
/* The calling thread's malloc/calloc/realloc use the arena until leave(). */
void avcsift_arena_enter(void);
void avcsift_arena_leave(void);
/* Bytes handed out from the arena so far (for tests and measurements). */
size_t avcsift_arena_used(void);
/* Unmaps the region. Every block in it must be dead: call after the policydb
 * that owns them is freed. */
void avcsift_arena_release(void);

#ifdef __cplusplus
}
#endif

#endif
