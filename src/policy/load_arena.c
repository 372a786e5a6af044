/* The bump allocator of load_arena.h and the malloc wrappers that route to
 * it. */
/* MAP_ANONYMOUS and MAP_NORESERVE are not ISO C: ask glibc for them. */
#define _DEFAULT_SOURCE
#include "load_arena.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#ifdef AVCSIFT_LOAD_ARENA
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void __real_free(void *ptr);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
void __wrap_free(void *ptr);

/* glibc's malloc alignment on 64-bit: libsepol stores uint64_t and pointers. */
enum { ALIGNMENT = 16 };

/* The region [g_base, g_limit). free() may run on any thread while the
 * loading thread reserves or releases it, hence atomics; 0/0 is "no arena". */
static _Atomic uintptr_t g_base;
static _Atomic uintptr_t g_limit;
/* The next free byte: only the thread inside enter/leave moves it. */
static uintptr_t g_next;
static _Thread_local int t_active;

static int in_arena(const void *ptr) {
  const uintptr_t p = (uintptr_t)ptr;
  return p >= atomic_load_explicit(&g_base, memory_order_relaxed) &&
         p < atomic_load_explicit(&g_limit, memory_order_relaxed);
}

/* A block from the arena, or NULL when the thread is not loading or the
 * region is full. Fresh pages are zero and never reused, so calloc needs no
 * memset. */
static void *arena_alloc(size_t size) {
  if (!t_active)
    return NULL;
  const uintptr_t limit = atomic_load_explicit(&g_limit, memory_order_relaxed);
  const size_t room = (size_t)(limit - g_next);
  size_t rounded = size == 0 ? ALIGNMENT : size;
  if (room < ALIGNMENT || rounded > room - ALIGNMENT)
    return NULL;
  rounded = (rounded + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
  void *block = (void *)g_next;
  g_next += rounded;
  return block;
}

int avcsift_arena_reserve(size_t bytes) {
  if (atomic_load(&g_base) != 0 || bytes == 0)
    return -1;
  void *region = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (region == MAP_FAILED)
    return -1;
  /* Huge pages where the kernel gives them on request: the 20-odd MiB of a
   * distribution policy then fault in a few times instead of thousands, and
   * those faults were a third of an empty run's CPU time. Advice only. */
  (void)madvise(region, bytes, MADV_HUGEPAGE);
  g_next = (uintptr_t)region;
  atomic_store(&g_limit, (uintptr_t)region + bytes);
  atomic_store(&g_base, (uintptr_t)region);
  return 0;
}

void avcsift_arena_enter(void) { t_active = atomic_load(&g_base) != 0; }

void avcsift_arena_leave(void) { t_active = 0; }

size_t avcsift_arena_used(void) {
  const uintptr_t base = atomic_load(&g_base);
  return base == 0 ? 0 : g_next - base;
}

void avcsift_arena_release(void) {
  const uintptr_t base = atomic_load(&g_base);
  const uintptr_t limit = atomic_load(&g_limit);
  if (base == 0)
    return;
  t_active = 0;
  atomic_store(&g_base, 0);
  atomic_store(&g_limit, 0);
  g_next = 0;
  munmap((void *)base, limit - base);
}

void *__wrap_malloc(size_t size) {
  void *block = arena_alloc(size);
  return block != NULL ? block : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size) {
  size_t total = 0;
  if (__builtin_mul_overflow(count, size, &total))
    return __real_calloc(count, size);
  void *block = arena_alloc(total);
  return block != NULL ? block : __real_calloc(count, size);
}

void *__wrap_realloc(void *ptr, size_t size) {
  if (ptr == NULL || !in_arena(ptr)) {
    if (ptr == NULL)
      return __wrap_malloc(size);
    return __real_realloc(ptr, size);
  }
  /* The old block's size is not kept: copy `size` bytes, or up to the end of
   * the region. Bytes past the old block are the arena's own (later blocks or
   * untouched zero pages), readable, and what realloc leaves unspecified. */
  void *moved = __wrap_malloc(size);
  if (moved == NULL)
    return NULL;
  const uintptr_t limit = atomic_load_explicit(&g_limit, memory_order_relaxed);
  const size_t room = (size_t)(limit - (uintptr_t)ptr);
  memcpy(moved, ptr, size < room ? size : room);
  return moved;
}

void __wrap_free(void *ptr) {
  if (ptr != NULL && !in_arena(ptr))
    __real_free(ptr);
}

#else /* built without the --wrap link options (sanitizer builds): the arena   \
         stays off */

int avcsift_arena_reserve(size_t bytes) {
  (void)bytes;
  return -1;
}
void avcsift_arena_enter(void) {}
void avcsift_arena_leave(void) {}
size_t avcsift_arena_used(void) { return 0; }
void avcsift_arena_release(void) {}

#endif
